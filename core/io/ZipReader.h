#pragma once

#include "Result.h"

#include <QHash>
#include <QIODevice>
#include <QString>
#include <limits>
#include <memory>

namespace Cairn {

// Reads the entries of a zip archive with minizip, the zip library libxlsxwriter already
// brings (QuaZip bundles its own copy of minizip under the same symbol names, and one process
// cannot hold both: libxlsxwriter's calls landed in QuaZip's copy and crashed). An entry is
// read as a sequential QIODevice, a chunk at a time, never whole.
class ZipReader
{
public:
    explicit ZipReader(const QString &path);
    ~ZipReader();
    ZipReader(const ZipReader &) = delete;
    ZipReader &operator=(const ZipReader &) = delete;

    bool isOpen() const { return m_zip != nullptr; }
    // Whether the archive has an entry of this name (case matters).
    bool contains(const QString &name);
    // Each entry's name and the size it says it inflates to (which a hostile archive may
    // understate: readers count what they read).
    struct Entry
    {
        QString name;
        qint64 size = 0;
    };
    Result<QList<Entry>> entries(int maxEntries);
    // The entry `name`, open for reading; it must be closed before another is opened. Reading
    // fails past `maxBytes` inflated, whatever the entry claims (a zip bomb stops there).
    class EntryDevice;
    Result<std::unique_ptr<QIODevice>> open(const QString &name,
                                            qint64 maxBytes = std::numeric_limits<qint64>::max());

private:
    // Where each entry's header is, found in one pass over the archive's directory (minizip's
    // own lookup reads the directory from the start for every name, and refuses names of 256
    // bytes or more).
    struct Position
    {
        quint64 directoryOffset = 0;
        quint64 entryNumber = 0;
    };
    bool index();
    // The current entry's name, whole; false when the archive is damaged there.
    bool currentName(QByteArray *name, qint64 *size);

    void *m_zip = nullptr;
    bool m_indexed = false;
    bool m_indexUsable = false;
    QHash<QString, Position> m_positions;
};

} // namespace Cairn
