#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/sites/ and /api/sites/{id}/ (by id or name).
class SitesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
