#include "PassphraseKey.h"

#include "Sodium.h"

#include <sodium.h>

namespace Cairn {

namespace {

const QString Kdf = QStringLiteral("argon2id13");
const QByteArray CheckText = QByteArrayLiteral("cairn passphrase check");
// What a file may ask of this machine to derive a key: no more than four times the default.
constexpr quint64 MaxOpsLimit = crypto_pwhash_OPSLIMIT_MODERATE * 4;
constexpr quint64 MaxMemLimit = quint64(crypto_pwhash_MEMLIMIT_INTERACTIVE) * 4;

std::optional<QByteArray> derive(const QString &passphrase, const QByteArray &salt,
                                 quint64 opsLimit, quint64 memLimit)
{
    Sodium::ensureInitialized();
    const QByteArray secret = passphrase.toUtf8();
    QByteArray key(crypto_secretbox_KEYBYTES, Qt::Uninitialized);
    if (crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()), quint64(key.size()),
                      secret.constData(), quint64(secret.size()),
                      reinterpret_cast<const unsigned char *>(salt.constData()), opsLimit,
                      size_t(memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt;
    return key;
}

} // namespace

PassphraseKey::PassphraseKey(QByteArray salt, quint64 opsLimit, quint64 memLimit, QByteArray key)
    : m_salt(std::move(salt))
    , m_opsLimit(opsLimit)
    , m_memLimit(memLimit)
    , m_sealer(std::move(key))
{
}

Result<void> PassphraseKey::acceptable(const QString &passphrase, const QString &field)
{
    if (passphrase.size() < MinLength)
        return Error::invalidField(
            field, QStringLiteral("A passphrase of at least %1 characters.").arg(MinLength));
    return {};
}

Result<PassphraseKey> PassphraseKey::create(const QString &passphrase, const QString &field)
{
    const Result<void> accepted = acceptable(passphrase, field);
    if (!accepted)
        return accepted.error();
    QByteArray salt = Sodium::randomBytes(crypto_pwhash_SALTBYTES);
    const quint64 opsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
    const quint64 memLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    std::optional<QByteArray> key = derive(passphrase, salt, opsLimit, memLimit);
    if (!key)
        return Error::internal(QStringLiteral("No key could be derived from the passphrase."));
    return PassphraseKey(std::move(salt), opsLimit, memLimit, std::move(*key));
}

Result<PassphraseKey> PassphraseKey::open(const QString &passphrase, const QJsonObject &parameters,
                                          const QString &field)
{
    const QByteArray salt =
        QByteArray::fromBase64(parameters.value(QLatin1String("salt")).toString().toLatin1());
    const double opsLimit = parameters.value(QLatin1String("opslimit")).toDouble();
    const double memLimit = parameters.value(QLatin1String("memlimit")).toDouble();
    if (parameters.value(QLatin1String("kdf")).toString() != Kdf ||
        salt.size() != crypto_pwhash_SALTBYTES || opsLimit < crypto_pwhash_OPSLIMIT_MIN ||
        opsLimit > double(MaxOpsLimit) || memLimit < crypto_pwhash_MEMLIMIT_MIN ||
        memLimit > double(MaxMemLimit))
        return Error::badRequest(QStringLiteral("The secrets' key parameters are damaged."));
    std::optional<QByteArray> key = derive(passphrase, salt, quint64(opsLimit), quint64(memLimit));
    if (!key)
        return Error::internal(QStringLiteral("No key could be derived from the passphrase."));
    PassphraseKey opened(salt, quint64(opsLimit), quint64(memLimit), std::move(*key));
    const Result<QByteArray> check =
        opened.m_sealer.open(parameters.value(QLatin1String("check")).toString());
    if (!check || check.value() != CheckText)
        return Error::invalidField(
            field, QStringLiteral("This is not the passphrase the secrets were sealed with."));
    return opened;
}

QJsonObject PassphraseKey::parameters() const
{
    return {{QStringLiteral("kdf"), Kdf},
            {QStringLiteral("salt"), QString::fromLatin1(m_salt.toBase64())},
            {QStringLiteral("opslimit"), double(m_opsLimit)},
            {QStringLiteral("memlimit"), double(m_memLimit)},
            {QStringLiteral("check"), m_sealer.seal(CheckText)}};
}

} // namespace Cairn
