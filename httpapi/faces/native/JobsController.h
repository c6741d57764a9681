#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/jobs/: every long operation's state, progress and result, and cancel.
class JobsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
