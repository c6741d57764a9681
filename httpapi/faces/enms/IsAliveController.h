#pragma once

namespace Cairn {

class Router;
struct ApiSettings;

// GET /rest/is_alive: the public health check eNMS clusters and load balancers poll.
class IsAliveController
{
public:
    static void registerRoutes(Router &router, const ApiSettings &settings);
};

} // namespace Cairn
