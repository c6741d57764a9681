#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The Enomalism face's static networks (seed 001, section 7): /rest/networks/,
// /rest/networks/<UUID>, its iprange/ and iprange/<RUUID>/, and its cluster/.
class StaticNetworksController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
