#pragma once

#include "server/RequestMetrics.h"

#include <functional>

namespace Cairn {

class CoreServices;
class Router;
struct ApiSettings;

// GET /metrics: Prometheus text for the scrapers an administrator allows (by address or
// token, never the API's users): requests by route and status with latency histograms, jobs
// by kind and state, database connections, device sessions, ZTP registrations, the scheduler's
// firings and lag, the cluster's nodes.
class MetricsController
{
public:
    using RequestTotals = std::function<QHash<QByteArray, RequestMetrics::Route>()>;

    static void registerRoutes(Router &router, CoreServices &core, const ApiSettings &settings,
                               RequestTotals requests);
};

} // namespace Cairn
