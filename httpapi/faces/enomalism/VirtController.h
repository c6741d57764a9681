#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The Enomalism face's machines and hypervisors under /rest/ (seed 001, sections 2.1-2.5):
// listings and objects from the synchronised state; trigger_status_updates asks the
// hypervisor (on a worker thread).
class VirtController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
