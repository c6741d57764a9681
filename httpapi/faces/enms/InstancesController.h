#pragma once

namespace Cairn {

class CoreServices;
class Router;

// eNMS's object API over the shared inventory: /rest/instance/<type>[/<name>],
// /rest/query/<type>, /rest/update_all_pools and /rest/configuration/<device>[/<property>].
// Devices, links and pools for now; services, workflows and tasks come with the automation
// engine.
class InstancesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
