#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/plugins/toolkit/credential-sets/: an operator's device logins. The token that selects
// a set in execute calls is shown once, when the set is created.
class CredentialSetsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
