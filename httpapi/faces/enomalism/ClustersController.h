#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The Enomalism face's clusters (seed 001, 2.7 and 2.21-2.23): /rest/cluster/,
// /rest/cluster/list/, /rest/cluster/<UUID> and a machine's /rest/machine/<UUID>/clusters/.
class ClustersController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
