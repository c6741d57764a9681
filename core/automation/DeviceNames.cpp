#include "DeviceNames.h"

#include "inventory/DeviceService.h"

#include <QSet>

namespace Cairn::DeviceNames {

Result<QList<Device>> resolve(DeviceService &devices, const QStringList &names,
                              QStringList &problems)
{
    QList<Device> found;
    QSet<QString> seen;
    for (const QString &name : names) {
        if (seen.contains(name))
            continue;
        seen.insert(name);
        DeviceFilter filter;
        filter.hostname = name;
        filter.limit = 2;
        const Result<QList<Device>> named = devices.list(filter);
        if (!named)
            return named.error();
        if (named->size() == 1)
            found << named->first();
        else if (named->isEmpty())
            problems << QStringLiteral("No device named %1.").arg(name);
        else
            problems << QStringLiteral("%1 names a device in several sites.").arg(name);
    }
    return found;
}

} // namespace Cairn::DeviceNames
