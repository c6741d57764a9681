#include "ServerKey.h"

#include "Sodium.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <sodium.h>

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
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = QByteArray::fromHex(existing.readAll().trimmed());
        if (bytes.size() != crypto_kdf_KEYBYTES)
            return Error::internal(
                QStringLiteral("%1 is damaged: expected 64 hex digits.").arg(path));
        return ServerKey(bytes);
    }
    if (!QDir().mkpath(dataDir))
        return Error::internal(QStringLiteral("Cannot create data directory %1").arg(dataDir));
    const QByteArray bytes = Sodium::randomBytes(crypto_kdf_KEYBYTES);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(bytes.toHex() + '\n') < 0 || !file.commit())
        return Error::internal(QStringLiteral("Cannot write %1").arg(path));
    return ServerKey(bytes);
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
