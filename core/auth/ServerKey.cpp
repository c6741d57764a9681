#include "ServerKey.h"

#include "Sodium.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Cairn {

Result<ServerKey> ServerKey::load(const QString &dataDir)
{
    const QByteArray fromEnvironment = qgetenv("CAIRN_SERVER_KEY");
    if (!fromEnvironment.isEmpty()) {
        const QByteArray bytes = QByteArray::fromHex(fromEnvironment);
        if (bytes.size() != crypto_kdf_KEYBYTES)
            return Error::badRequest(QStringLiteral("CAIRN_SERVER_KEY must be 64 hex digits."));
        return ServerKey(bytes);
    }
    const QString path = QDir(dataDir).filePath(QStringLiteral("server.key"));
    if (!exists(path)) {
        const Result<void> created = create(path);
        if (!created)
            return created.error();
    }
    // A key that exists but cannot be read is never replaced: a new one would make every
    // sealed secret unreadable for good.
    QFile existing(path);
    if (!existing.open(QIODevice::ReadOnly))
        return Error::internal(QStringLiteral("%1 exists but cannot be read (%2). Cairn will not "
                                              "make a new key over it, which would lose every "
                                              "sealed secret: fix its permissions or restore it.")
                                   .arg(path, existing.errorString()));
    const QByteArray bytes = QByteArray::fromHex(existing.readAll().trimmed());
    if (bytes.size() != crypto_kdf_KEYBYTES)
        return Error::internal(QStringLiteral("%1 is damaged: expected 64 hex digits.").arg(path));
    return ServerKey(bytes);
}

bool ServerKey::exists(const QString &path)
{
    struct stat status = {};
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0 || errno != ENOENT;
}

Result<void> ServerKey::create(const QString &path)
{
    // Written whole to a file of its own (0600), then linked into place: link() never replaces
    // a file, so two processes starting at once keep the first key, and a crash never leaves a
    // half-written one.
    QByteArray temporary = QFile::encodeName(path + QStringLiteral(".XXXXXX"));
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        return Error::internal(QStringLiteral("Cannot write %1").arg(path));
    const QByteArray text = Sodium::randomBytes(crypto_kdf_KEYBYTES).toHex() + '\n';
    const bool written = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0 &&
                         ::write(fd, text.constData(), size_t(text.size())) == text.size() &&
                         ::fsync(fd) == 0;
    ::close(fd);
    const bool linked =
        written && (::link(temporary.constData(), QFile::encodeName(path).constData()) == 0 ||
                    errno == EEXIST);
    ::unlink(temporary.constData());
    if (!linked)
        return Error::internal(QStringLiteral("Cannot write %1").arg(path));
    // The link itself reaches the disk before anything is sealed with the key.
    const int directory = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(),
                                 O_RDONLY | O_DIRECTORY);
    const bool synced = directory >= 0 && ::fsync(directory) == 0;
    if (directory >= 0)
        ::close(directory);
    if (!synced)
        return Error::internal(QStringLiteral("Cannot write %1").arg(path));
    return {};
}

QByteArray ServerKey::derive(const char *context, quint64 subkeyId) const
{
    Sodium::ensureInitialized();
    QByteArray subkey(32, Qt::Uninitialized);
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char *>(subkey.data()),
                               size_t(subkey.size()), subkeyId, context,
                               reinterpret_cast<const unsigned char *>(m_bytes.constData()));
    return subkey;
}

} // namespace Cairn
