#pragma once

#include <QStringList>

namespace Cairn {

// `cairn group add|member|list ...`: teams of users, for permissions granted at once and the
// toolkit's rate-limit bypass ([toolkit] rate_limit_bypass_groups).
class GroupCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
