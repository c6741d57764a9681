#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/networks/ and /api/sites/{site_id}/networks/: the IP address tree. Networks are
// addressed by id or CIDR (/networks/10.0.0.0/8/), with the tree walks (subnets, supernets,
// parent, root, ancestors, children, descendants, siblings), closest_parent, next_network,
// next_address (POST reserves them), reserved and set queries.
class NetworksController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
