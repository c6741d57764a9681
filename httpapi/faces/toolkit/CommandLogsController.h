#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/plugins/toolkit/command-logs/: the execution history, read-only.
class CommandLogsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
