#pragma once

namespace Cairn {

class CoreServices;
class Router;

// Grants under /api/permissions/, in the native style: what you hold (everything, for a
// superuser), and for a superuser granting and revoking (PermissionAdministration's rules).
class NativePermissionsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
