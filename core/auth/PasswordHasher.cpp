#include "PasswordHasher.h"

#include "Sodium.h"

#include <sodium.h>

namespace Cairn {

QString PasswordHasher::hash(const QString &password)
{
    Sodium::ensureInitialized();
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {}; // out of memory: an empty hash never verifies
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &storedHash, const QString &password)
{
    if (storedHash.isEmpty())
        return false;
    Sodium::ensureInitialized();
    const QByteArray hash = storedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

bool PasswordHasher::isOwnKind(const QString &hash)
{
    if (hash.size() >= int(crypto_pwhash_STRBYTES) ||
        !hash.startsWith(QLatin1String(crypto_pwhash_argon2id_STRPREFIX)))
        return false;
    Sodium::ensureInitialized();
    return crypto_pwhash_str_needs_rehash(hash.toLatin1().constData(),
                                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

const QString &PasswordHasher::placeholderHash()
{
    static const QString placeholder = hash(QString::fromLatin1(Sodium::randomBytes(32).toHex()));
    return placeholder;
}

} // namespace Cairn
