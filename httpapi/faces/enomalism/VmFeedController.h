#pragma once

namespace Cairn {

class CoreServices;
class Router;

// The Enomalism face's repositories (seed 001, section 6): /rest/vmfeed/ (the local packages and
// subscribing to feeds), the local repository as RSS at /rest/vmfeed/rss/, a package's
// /rest/vmfeed/<UUID>/ and download/, and a subscribed feed's packages and itself under
// /rest/vmfeed/repo/.
class VmFeedController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
};

} // namespace Cairn
