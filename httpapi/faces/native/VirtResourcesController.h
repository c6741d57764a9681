#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The VM control plane's native resources, NSoT conventions (paging with limit/offset, JSON
// errors): /api/machines/, /api/hypervisors/ and /api/clusters/, each list and {uuid}/ detail,
// read from the synchronised state with the same permissions as the Enomalism face.
class VirtResourcesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
