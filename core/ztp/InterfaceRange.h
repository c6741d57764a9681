#pragma once

#include "Result.h"

#include <QStringList>

namespace Cairn {

// The local-interface keys of neighbordb: comma-separated names and ranges with EOS
// abbreviations ("e1,3-5", "Et1/2/3-1/2/6", "ma1"), expanded to canonical names (Ethernet1,
// Management1). A bare number takes the kind of the item before it.
class InterfaceRange
{
public:
    static Result<QStringList> expand(const QString &spec);
};

} // namespace Cairn
