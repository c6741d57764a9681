#include "BackupLayout.h"

#include "DataDirectoryLock.h"

#include <QStringList>

namespace Cairn::BackupLayout {

bool isLiveFile(const QString &relativePath)
{
    return relativePath == DataDirectoryLock::FileName || relativePath == DatabaseFile ||
           relativePath == DatabaseFile + QLatin1String("-wal") ||
           relativePath == DatabaseFile + QLatin1String("-shm") ||
           relativePath == DatabaseFile + QLatin1String("-journal");
}

bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.size() > 4096 || path.startsWith(QLatin1Char('/')))
        return false;
    for (const QChar character : path) {
        const char16_t code = character.unicode();
        if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code == u'\\' || code == 0x200e ||
            code == 0x200f || (code >= 0x202a && code <= 0x202e) ||
            (code >= 0x2066 && code <= 0x2069))
            return false;
    }
    const QStringList parts = path.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    }
    return true;
}

} // namespace Cairn::BackupLayout
