#pragma once

namespace Cairn {

class CoreServices;
class Router;

// Groups and API tokens under /api/, in the native style (paged lists, details by id): groups
// as an administrator manages them (AccountAdministration's rules), tokens as each user
// manages their own.
class NativeAccountsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
