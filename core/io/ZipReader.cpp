#include "ZipReader.h"

#include <QFile>
#include <unzip.h>

namespace Cairn {

// One entry of the archive, inflated as it is read.
class ZipReader::EntryDevice : public QIODevice
{
public:
    EntryDevice(unzFile zip, qint64 maxBytes)
        : m_zip(zip)
        , m_left(maxBytes)
    {
        setOpenMode(QIODevice::ReadOnly);
    }
    ~EntryDevice() override { end(); }

    bool isSequential() const override { return true; }
    void close() override
    {
        end();
        QIODevice::close();
    }

    // Ends the entry (not virtual: the destructor calls it).
    void end()
    {
        if (isOpen() && !m_ended) {
            m_ended = true;
            unzCloseCurrentFile(m_zip);
        }
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        // Asked for nothing (QIODevice does so when its buffer is full), nothing is read: a 0
        // from minizip means the end only when something was asked for.
        if (m_ended || maxSize <= 0)
            return 0;
        const int wanted = int(qMin<qint64>(maxSize, 1 << 20));
        const int read = unzReadCurrentFile(m_zip, data, unsigned(wanted));
        if (read < 0) {
            setErrorString(QStringLiteral("The archive is damaged."));
            return -1;
        }
        if (read == 0 && !m_ended) {
            // The end: a damaged entry (its CRC does not match) says so only now.
            m_ended = true;
            if (unzCloseCurrentFile(m_zip) != UNZ_OK) {
                setErrorString(QStringLiteral("The archive is damaged."));
                return -1;
            }
        }
        m_left -= read;
        if (m_left < 0) {
            setErrorString(QStringLiteral("An entry of the archive inflates past its limit."));
            return -1;
        }
        return read;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    unzFile m_zip;
    qint64 m_left;
    bool m_ended = false;
};

ZipReader::ZipReader(const QString &path)
    : m_zip(unzOpen64(QFile::encodeName(path).constData()))
{
}

ZipReader::~ZipReader()
{
    if (m_zip)
        unzClose(m_zip);
}

namespace {

// What one archive may list: entries, and the bytes of their names together (a hostile
// directory of millions of long names would otherwise become an index of gigabytes).
constexpr qsizetype MaxIndexedEntries = 2'000'000;
constexpr qint64 MaxIndexedNameBytes = 256LL * 1024 * 1024;

} // namespace

bool ZipReader::currentName(QByteArray *name, qint64 *size)
{
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(m_zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
        return false;
    // A zip name is at most 65,535 bytes (a 16-bit length).
    name->resize(qsizetype(info.size_filename) + 1);
    if (unzGetCurrentFileInfo64(m_zip, &info, name->data(), uLong(name->size()), nullptr, 0,
                                nullptr, 0) != UNZ_OK)
        return false;
    name->truncate(qsizetype(info.size_filename));
    if (size)
        *size = qint64(info.uncompressed_size);
    return true;
}

bool ZipReader::index()
{
    if (m_indexed)
        return m_indexUsable;
    m_indexed = true;
    if (!m_zip)
        return false;
    qint64 nameBytes = 0;
    QByteArray name;
    for (int status = unzGoToFirstFile(m_zip); status == UNZ_OK; status = unzGoToNextFile(m_zip)) {
        if (!currentName(&name, nullptr))
            return false;
        nameBytes += name.size();
        if (m_positions.size() >= MaxIndexedEntries || nameBytes > MaxIndexedNameBytes)
            return false;
        unz64_file_pos position{};
        if (unzGetFilePos64(m_zip, &position) != UNZ_OK)
            return false;
        // The first of two entries of one name, as minizip's own lookup finds.
        const QString key = QString::fromUtf8(name);
        if (!m_positions.contains(key))
            m_positions.insert(key, Position{position.pos_in_zip_directory, position.num_of_file});
    }
    m_indexUsable = true;
    return true;
}

bool ZipReader::contains(const QString &name)
{
    return index() && m_positions.contains(name);
}

Result<QList<ZipReader::Entry>> ZipReader::entries(int maxEntries)
{
    if (!m_zip)
        return Error::badRequest(QStringLiteral("Not a zip archive."));
    QList<Entry> found;
    QByteArray name;
    for (int status = unzGoToFirstFile(m_zip); status == UNZ_OK; status = unzGoToNextFile(m_zip)) {
        if (found.size() >= maxEntries)
            return Error::badRequest(
                QStringLiteral("The archive holds more than %1 entries.").arg(maxEntries));
        qint64 size = 0;
        if (!currentName(&name, &size))
            return Error::badRequest(QStringLiteral("The archive is damaged."));
        found << Entry{QString::fromUtf8(name), size};
    }
    return found;
}

Result<std::unique_ptr<QIODevice>> ZipReader::open(const QString &name, qint64 maxBytes)
{
    if (!index())
        return Error::badRequest(
            QStringLiteral("The archive is damaged, or lists more than it may."));
    const auto found = m_positions.constFind(name);
    if (found == m_positions.constEnd())
        return Error::badRequest(QStringLiteral("The archive has no %1.").arg(name));
    unz64_file_pos position{found->directoryOffset, found->entryNumber};
    if (unzGoToFilePos64(m_zip, &position) != UNZ_OK || unzOpenCurrentFile(m_zip) != UNZ_OK)
        return Error::badRequest(QStringLiteral("%1 in the archive cannot be read.").arg(name));
    return std::unique_ptr<QIODevice>(std::make_unique<EntryDevice>(m_zip, maxBytes));
}

} // namespace Cairn
