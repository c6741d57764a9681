#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The Enomalism face's users, groups and object permissions (seed 001, sections 3 and 4), over
// the same users and groups as every face: /rest/users/, /rest/user/..., /rest/group/... and
// /rest/permissions/<UUID>/.
class AccountsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
