#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The Enomalism face's actions that define, make and unmake machines (seed 001, 2.4 POST and
// 2.16-2.20): store_xml, manage, totaldelete, package, provision, and the machine's own
// rename / xmldesc / set_parent / lock / unlock.
class MachineLifecycleController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
