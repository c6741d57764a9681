#pragma once

namespace Cairn {

class CoreServices;
class Router;
struct ApiSettings;

// Registers every route of the API listener: each face's controllers and the docs.
class ApiRoutes
{
public:
    static void registerAll(Router &router, CoreServices &core, const ApiSettings &settings);
};

} // namespace Cairn
