#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/devices/ and /api/sites/{site_id}/devices/: list, create, bulk update and delete, set
// queries, and one device by id or hostname.
class DevicesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
