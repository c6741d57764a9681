#pragma once

#include "Result.h"
#include "WaitCondition.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace Cairn {

// A node folder's files (facts, pattern, definition, startup-config) as the ZTP service reads
// them: what is on disk, or what a registration answered with and the writer thread has not
// written yet. Creating files is most of a registration's cost (the filesystem allocates an
// inode per file); a storm of switches is answered first, and their folders follow.
class ZtpNodeFiles
{
public:
    struct File
    {
        QString name;
        QByteArray content;
        bool executable = false;
    };

    // The folder's files from now on, for readers here, until write() puts them on disk.
    void stage(const QString &folder, const QList<File> &files);
    // Writes them (each whole, by rename), then stops holding those not staged again since.
    // On the writer thread; a file that cannot be written is logged, and read from disk after.
    void write(const QString &folder, const QList<File> &files);
    Result<QByteArray> read(const QString &folder, const QString &name) const;
    bool exists(const QString &folder, const QString &name) const;
    bool folderExists(const QString &folder) const;
    // Blocks until nothing of the folder waits to be written: a write here then comes after.
    void waitUntilWritten(const QString &folder);

private:
    mutable QMutex m_lock;
    WaitCondition m_written;
    // Folder -> file name -> content.
    QHash<QString, QHash<QString, QByteArray>> m_staged;
};

} // namespace Cairn
