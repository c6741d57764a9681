#pragma once

#include <QString>
#include <memory>

namespace Cairn {

class Router;

// /api/schema/ (OpenAPI 3), /api/docs/ (Swagger UI) and /api/redoc/ (ReDoc), all public and
// served from assets compiled into the binary, so they work with no network at all. The
// document also describes the ZTP listener's routes (`ztp`, served at `ztpUrl`).
class DocsController
{
public:
    static void registerRoutes(Router &router, const std::shared_ptr<const Router> &ztp,
                               const QString &ztpUrl);
};

} // namespace Cairn
