#pragma once

namespace Cairn {

class CoreServices;
class Router;

// NSoT's token exchange: POST /api/authenticate/ and POST /api/verify_token/.
class AuthController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
