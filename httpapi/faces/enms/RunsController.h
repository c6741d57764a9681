#pragma once

namespace Cairn {

class CoreServices;
class Router;

// eNMS's runs: POST /rest/run_service (synchronous or async), POST /rest/run_task/<id> and
// GET /rest/result/<service>/<runtime>.
class RunsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
