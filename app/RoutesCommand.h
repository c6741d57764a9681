#pragma once

#include <QStringList>

namespace Cairn {

// `cairn routes`: who may call what, from the route table (RouteAccessTable), as Markdown for
// docs/security.md.
class RoutesCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
