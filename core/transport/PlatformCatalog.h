#pragma once

#include "PlatformProfile.h"

namespace Cairn {

// The platforms Cairn can drive, loaded once from the bundled platforms.json.
class PlatformCatalog
{
public:
    // By name or alias, case-insensitively ("ios" -> cisco_ios); nullptr when unknown.
    static const PlatformProfile *find(const QString &nameOrAlias);
    static QStringList names();

private:
    static const QList<PlatformProfile> &all();
};

} // namespace Cairn
