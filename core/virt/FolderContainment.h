#pragma once

#include <QString>
#include <QStringList>

namespace Cairn {

// Whether a host path lies in one of some folders, judged where it really is: links are
// resolved, so a link inside a folder cannot lead out of it, and a file not there (yet, or any
// more) is judged by its folder, which must exist.
class FolderContainment
{
public:
    explicit FolderContainment(const QStringList &folders);

    bool contains(const QString &path) const;

private:
    // The folders resolved once; those that do not exist contain nothing.
    QStringList m_roots;
};

} // namespace Cairn
