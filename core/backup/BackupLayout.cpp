#include "BackupLayout.h"

#include <QStringList>

namespace Cairn::BackupLayout {

bool isDatabaseFile(const QString &relativePath)
{
    return relativePath == DatabaseFile || relativePath == DatabaseFile + QLatin1String("-wal") ||
           relativePath == DatabaseFile + QLatin1String("-shm") ||
           relativePath == DatabaseFile + QLatin1String("-journal");
}

bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.size() > 4096 || path.startsWith(QLatin1Char('/')))
        return false;
    for (const QChar character : path) {
        if (character.unicode() < 0x20 || character == QLatin1Char('\\') ||
            character.unicode() == 0x7f)
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
