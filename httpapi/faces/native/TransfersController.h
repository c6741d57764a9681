#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/topology/ and /api/migrations/: topology spreadsheets and migration projects exported and
// imported as jobs (follow them at /api/jobs/{id}/, cancel them there), exported spreadsheets
// listed and downloaded, projects listed.
class TransfersController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
