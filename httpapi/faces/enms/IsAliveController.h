#pragma once

namespace Cairn {

class CoreServices;
class Router;
struct ApiSettings;

// GET /rest/is_alive: the public health check eNMS clusters and load balancers poll; POST
// /rest/get_cluster_status: the nodes of the cluster from its registry, for those signed in.
class IsAliveController
{
public:
    static void registerRoutes(Router &router, CoreServices &core, const ApiSettings &settings);
};

} // namespace Cairn
