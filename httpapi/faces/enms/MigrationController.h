#pragma once

namespace Cairn {

class CoreServices;
class Router;

// eNMS's migration projects: POST /rest/migrate/export and /rest/migrate/import.
class MigrationController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
