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

bool ZipReader::contains(const QString &name)
{
    return m_zip && unzLocateFile(m_zip, name.toUtf8().constData(), 1) == UNZ_OK;
}

Result<QList<ZipReader::Entry>> ZipReader::entries(int maxEntries)
{
    if (!m_zip)
        return Error::badRequest(QStringLiteral("Not a zip archive."));
    QList<Entry> found;
    for (int status = unzGoToFirstFile(m_zip); status == UNZ_OK; status = unzGoToNextFile(m_zip)) {
        if (found.size() >= maxEntries)
            return Error::badRequest(
                QStringLiteral("The archive holds more than %1 entries.").arg(maxEntries));
        unz_file_info64 info{};
        char name[1024];
        if (unzGetCurrentFileInfo64(m_zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) !=
            UNZ_OK)
            return Error::badRequest(QStringLiteral("The archive is damaged."));
        // minizip leaves a name of the buffer's size or more unterminated.
        found << Entry{
            QString::fromUtf8(name, qsizetype(qMin<quint64>(info.size_filename, sizeof name - 1))),
            qint64(info.uncompressed_size)};
    }
    return found;
}

Result<std::unique_ptr<QIODevice>> ZipReader::open(const QString &name, qint64 maxBytes)
{
    if (!contains(name))
        return Error::badRequest(QStringLiteral("The archive has no %1.").arg(name));
    if (unzOpenCurrentFile(m_zip) != UNZ_OK)
        return Error::badRequest(QStringLiteral("%1 in the archive cannot be read.").arg(name));
    return std::unique_ptr<QIODevice>(std::make_unique<EntryDevice>(m_zip, maxBytes));
}

} // namespace Cairn
