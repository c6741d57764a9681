#include "DataDirectoryLock.h"

#include <QDir>
#include <QFile>
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Cairn {

DataDirectoryLock::DataDirectoryLock(int descriptor)
    : m_descriptor(descriptor)
{
}

DataDirectoryLock::~DataDirectoryLock()
{
    ::close(m_descriptor);
}

Result<std::unique_ptr<DataDirectoryLock>> DataDirectoryLock::take(const QString &dataDir,
                                                                   Mode mode)
{
    const QByteArray path = QFile::encodeName(QDir(dataDir).filePath(FileName));
    // Never through a link someone left in its place.
    const int descriptor =
        ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (descriptor < 0)
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot open the lock of the data directory %1: %2")
                         .arg(dataDir, QString::fromLocal8Bit(::strerror(errno))),
                     {}};
    int locked = -1;
    do {
        locked = ::flock(descriptor, (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB);
    } while (locked != 0 && errno == EINTR);
    if (locked != 0) {
        const int error = errno;
        ::close(descriptor);
        if (error == EWOULDBLOCK)
            return Error::conflict(
                mode == Mode::Shared
                    ? QStringLiteral("The data directory %1 is being restored: wait for "
                                     "`cairn restore` to end.")
                          .arg(dataDir)
                    : QStringLiteral("A Cairn process (a server, the desktop application or a "
                                     "command) is using the data directory %1: stop it first.")
                          .arg(dataDir));
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot lock the data directory %1: %2")
                         .arg(dataDir, QString::fromLocal8Bit(::strerror(error))),
                     {}};
    }
    return std::unique_ptr<DataDirectoryLock>(new DataDirectoryLock(descriptor));
}

} // namespace Cairn
