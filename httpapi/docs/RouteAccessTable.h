#pragma once

#include <QString>

namespace Cairn {

class Router;

// The access policy of every route, from the route table itself: per listener and face, how
// many routes demand credentials and which are public, named one by one. docs/security.md
// carries it, and a test holds the two equal, so no route becomes public unnoticed.
class RouteAccessTable
{
public:
    static QString markdown(const Router &api, const Router &ztp);
};

} // namespace Cairn
