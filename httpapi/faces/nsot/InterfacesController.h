#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/interfaces/ and /api/sites/{site_id}/interfaces/: interfaces by id or name_slug
// ("hostname:name", which may hold '/'), their addresses, assignments, networks and the
// interface tree (parent, ancestors, children, descendants, siblings, root); set queries.
class InterfacesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
