#include "FolderContainment.h"

#include <QDir>
#include <QFileInfo>

namespace Cairn {

FolderContainment::FolderContainment(const QStringList &folders)
{
    for (const QString &folder : folders) {
        const QString root = QFileInfo(folder).canonicalFilePath();
        if (!root.isEmpty())
            m_roots << root + QLatin1Char('/');
    }
}

bool FolderContainment::contains(const QString &path) const
{
    if (!QDir::isAbsolutePath(path))
        return false;
    const QFileInfo file(path);
    const QString parent = QFileInfo(file.absolutePath()).canonicalFilePath();
    if (parent.isEmpty())
        return false;
    const QString resolved =
        file.exists() ? file.canonicalFilePath() : parent + QLatin1Char('/') + file.fileName();
    return std::any_of(m_roots.cbegin(), m_roots.cend(),
                       [&resolved](const QString &root) { return resolved.startsWith(root); });
}

} // namespace Cairn
