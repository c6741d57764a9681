#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The automation engine's native resources, NSoT conventions (paging with limit/offset,
// ?fields/?omit, field filters, JSON errors): /api/links/, /api/pools/ and /api/services/, each
// list and {name}/ detail, shown as the eNMS face shows them (they are saved through it).
class AutomationResourcesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
