#pragma once

namespace Cairn {

class CoreServices;
class Router;

// Zero-touch provisioning as the operator sees it on the API listener: /api/ztp/nodes/ (each
// node, its inventory device and how far its provisioning got) and /api/ztp/neighbordb/ (the
// patterns in force, or every reason the file is refused).
class ZtpNodesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
