#pragma once

namespace Cairn {

class CoreServices;
class Router;

// /api/attributes/ and /api/sites/{site_id}/attributes/: attribute definitions.
class AttributesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
