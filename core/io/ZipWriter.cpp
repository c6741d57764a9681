#include "ZipWriter.h"

#include <QDateTime>
#include <QFile>
#include <zip.h>

namespace Cairn {

// One entry of the archive, deflated as it is written.
class ZipWriter::EntryDevice : public QIODevice
{
public:
    EntryDevice(zipFile zip, bool &failed)
        : m_zip(zip)
        , m_failed(failed)
    {
        setOpenMode(QIODevice::WriteOnly);
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
        if (isOpen()) {
            if (zipCloseFileInZip(m_zip) != ZIP_OK)
                m_failed = true;
        }
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        qint64 written = 0;
        while (written < size) {
            const auto chunk = unsigned(qMin<qint64>(size - written, 1 << 20));
            if (zipWriteInFileInZip(m_zip, data + written, chunk) != ZIP_OK) {
                m_failed = true;
                setErrorString(QStringLiteral("The archive could not be written."));
                return -1;
            }
            written += chunk;
        }
        return written;
    }

private:
    zipFile m_zip;
    bool &m_failed;
};

ZipWriter::ZipWriter(const QString &path)
    : m_zip(zipOpen64(QFile::encodeName(path).constData(), APPEND_STATUS_CREATE))
{
}

ZipWriter::~ZipWriter()
{
    if (m_zip)
        zipClose(m_zip, nullptr);
}

Result<std::unique_ptr<QIODevice>> ZipWriter::add(const QString &name, int level)
{
    if (!m_zip)
        return Error::internal(QStringLiteral("The archive could not be created."));
    zip_fileinfo info{};
    const QDateTime now = QDateTime::currentDateTime();
    info.tmz_date.tm_year = unsigned(now.date().year());
    info.tmz_date.tm_mon = unsigned(now.date().month() - 1);
    info.tmz_date.tm_mday = unsigned(now.date().day());
    info.tmz_date.tm_hour = unsigned(now.time().hour());
    info.tmz_date.tm_min = unsigned(now.time().minute());
    info.tmz_date.tm_sec = unsigned(now.time().second());
    if (zipOpenNewFileInZip64(m_zip, name.toUtf8().constData(), &info, nullptr, 0, nullptr, 0,
                              nullptr, Z_DEFLATED, level, 1) != ZIP_OK) {
        m_failed = true;
        return Error::internal(QStringLiteral("%1 could not be added to the archive.").arg(name));
    }
    return std::unique_ptr<QIODevice>(std::make_unique<EntryDevice>(m_zip, m_failed));
}

bool ZipWriter::close()
{
    if (!m_zip)
        return false;
    const int closed = zipClose(m_zip, nullptr);
    m_zip = nullptr;
    return closed == ZIP_OK && !m_failed;
}

} // namespace Cairn
