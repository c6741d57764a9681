#pragma once

namespace Cairn {

class CoreServices;
class Router;

// NSoT's users: /api/users/, /api/users/{id}/ (0 = the caller) and rotate_secret_key.
class UsersController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
