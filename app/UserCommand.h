#pragma once

#include <QStringList>

namespace Cairn {

// `cairn user add|passwd|list|token ...`: manage users before (or beside) a running server.
class UserCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
