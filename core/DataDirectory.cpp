#include "DataDirectory.h"

#include <QDir>
#include <QFile>

namespace Cairn {

Result<void> DataDirectory::prepare(const QString &path)
{
    if (!QDir().mkpath(path))
        return Error::internal(QStringLiteral("Cannot create data directory %1").arg(path));
    if (!QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                         QFileDevice::ExeOwner))
        return Error::internal(
            QStringLiteral("Cannot make data directory %1 private (mode 0700): is it yours?")
                .arg(path));
    return {};
}

} // namespace Cairn
