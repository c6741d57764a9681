#pragma once

namespace Cairn {

class Router;

// GET /api/: the resources of the API, by name, with their URLs (NSoT's API root).
class ApiRootController
{
public:
    static void registerRoutes(Router &router);
};

} // namespace Cairn
