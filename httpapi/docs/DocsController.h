#pragma once

namespace Cairn {

class Router;

// /api/schema/ (OpenAPI 3), /api/docs/ (Swagger UI) and /api/redoc/ (ReDoc), all public and
// served from assets compiled into the binary, so they work with no network at all.
class DocsController
{
public:
    static void registerRoutes(Router &router);
};

} // namespace Cairn
