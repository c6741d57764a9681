#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/protocol_types/ and /api/protocols/ (and their /api/sites/{site_id}/ forms): protocol
// types by id or name, protocols by id, with filters and set queries on protocols.
class ProtocolsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
