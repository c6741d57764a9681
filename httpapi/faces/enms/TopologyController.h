#pragma once

namespace Cairn {

class CoreServices;
class Router;

// eNMS's topology spreadsheet: POST /rest/topology/export writes `spreadsheets/<name>.xlsx` in
// the data directory; POST /rest/topology/import reads one sent as a form's file.
class TopologyController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
