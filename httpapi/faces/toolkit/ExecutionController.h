#pragma once

namespace Cairn {

class CoreServices;
class Router;

// Running catalogue commands on devices: execute, validate-variables, variable-choices. The
// device I/O runs off the listener threads (HttpResponse::later).
class ExecutionController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
