#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The Enomalism face's transactions (seed 001, section 5): /rest/transaction/<UUID>/ to follow
// one and to cancel it.
class TransactionsController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
