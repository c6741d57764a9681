#pragma once

namespace Cairn {

class CoreServices;
class Router;

// eNMS's object API over the shared inventory: /rest/instance/<type>[/<name>],
// /rest/query/<type> and /rest/configuration/<device>[/<property>]. Devices and links for now;
// the other types (pools, services...) come with the automation engine.
class InstancesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
