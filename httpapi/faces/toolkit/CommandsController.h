#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/plugins/toolkit/commands/: the catalogue of approved commands (NetBox conventions:
// paged lists, filters, ?ordering=, ?brief=, bulk PUT/PATCH/DELETE on the list URL).
class CommandsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
