#pragma once

#include "faces/native/MetricsController.h"

namespace Cairn {

class CoreServices;
class ResponseCache;
class Router;
struct ApiSettings;

// Registers every route of the API listener: each face's controllers and the docs.
class ApiRoutes
{
public:
    // `requests` gives /metrics the listeners' request counts (none when not serving).
    static void registerAll(Router &router, CoreServices &core, const ApiSettings &settings,
                            MetricsController::RequestTotals requests = {});
    // The ZTP listener's routes: ZTPServer's API, all public.
    static void registerZtp(Router &router, CoreServices &core);
    // Serves the inventory's read routes (the NSoT face but its users) from `cache`, which
    // must be versioned by the inventory (ChangeLog::version()).
    static void cacheInventoryReads(Router &router, ResponseCache &cache);
};

} // namespace Cairn
