#pragma once

namespace Cairn {

class Router;
struct ApiSettings;

// GET /rest/is_alive: the public health check eNMS clusters and load balancers poll; POST
// /rest/get_cluster_status: the nodes of the cluster, for those signed in.
class IsAliveController
{
public:
    static void registerRoutes(Router &router, const ApiSettings &settings);
};

} // namespace Cairn
