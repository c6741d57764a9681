#pragma once

namespace Cairn {

class CoreServices;
class Router;

// eNMS's configuration history administration: POST /rest/get_git_content and
// POST /rest/update_database_configurations_from_git.
class HistoryController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
