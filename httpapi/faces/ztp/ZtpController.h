#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The ZTPServer API on the ZTP listener: unauthenticated (a bootstrapping switch has no
// credentials), with ZTPServer's status codes and content types, which its bootstrap client
// checks pair by pair. Errors are text/html, as ZTPServer sends them.
class ZtpController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
