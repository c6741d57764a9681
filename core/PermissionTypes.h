#pragma once

#include <QStringList>

namespace Cairn {

// The object types the core checks permissions on: what a grant may name.
class PermissionTypes
{
public:
    static QStringList names();
};

} // namespace Cairn
