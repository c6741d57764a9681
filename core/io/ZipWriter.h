#pragma once

#include "Result.h"

#include <QIODevice>
#include <QString>
#include <memory>

namespace Cairn {

// Writes a zip archive (ZIP64, so entries may pass 4 GiB) with minizip, an entry at a time;
// see ZipReader for why minizip and not QuaZip.
class ZipWriter
{
public:
    explicit ZipWriter(const QString &path);
    ~ZipWriter();
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    bool isOpen() const { return m_zip != nullptr; }
    // A new entry, deflated at `level` (1 fastest .. 9 smallest), written through the device;
    // closing the device ends the entry, and it must end before the next begins.
    Result<std::unique_ptr<QIODevice>> add(const QString &name, int level);
    // Writes the archive's directory; false when anything could not be written.
    bool close();

private:
    class EntryDevice;
    void *m_zip = nullptr;
    bool m_failed = false;
};

} // namespace Cairn
