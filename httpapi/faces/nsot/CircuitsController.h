#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/circuits/ and /api/sites/{site_id}/circuits/: circuits by id or name_slug, their
// addresses, devices and interfaces; set queries. Also an interface's circuit and a device's
// circuits.
class CircuitsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
