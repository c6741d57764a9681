#include "AuthTokenService.h"

#include "ServerKey.h"
#include "UserService.h"

#include <QDataStream>
#include <QDateTime>
#include <QIODevice>
#include <sodium.h>

namespace Cairn {

namespace {

const QString InvalidToken = QStringLiteral("Invalid/expired auth_token.");
constexpr QByteArray::Base64Options Encoding =
    QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray bigEndian(qint64 value)
{
    QByteArray bytes;
    QDataStream(&bytes, QIODevice::WriteOnly) << value;
    return bytes;
}

qint64 fromBigEndian(const QByteArray &bytes)
{
    qint64 value = 0;
    QDataStream(bytes) >> value;
    return value;
}

} // namespace

AuthTokenService::AuthTokenService(UserService &users, const ServerKey &serverKey,
                                   int lifetimeSeconds)
    : m_users(users)
    , m_key(serverKey.derive("authtokn"))
    , m_lifetimeSeconds(lifetimeSeconds)
{
}

QByteArray AuthTokenService::signature(const User &user, qint64 expiresAt) const
{
    const QByteArray message =
        bigEndian(user.id) + bigEndian(expiresAt) + bigEndian(user.credentialsChangedAt);
    QByteArray mac(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char *>(mac.data()),
                           reinterpret_cast<const unsigned char *>(message.constData()),
                           quint64(message.size()),
                           reinterpret_cast<const unsigned char *>(m_key.constData()));
    return mac;
}

Result<QString> AuthTokenService::issue(const QString &email, const QString &secretKey)
{
    const Result<User> user = m_users.verifySecretKey(email, secretKey);
    if (!user)
        return user.error();
    const qint64 expiresAt = QDateTime::currentSecsSinceEpoch() + m_lifetimeSeconds;
    const QByteArray token =
        bigEndian(user->id) + bigEndian(expiresAt) + signature(user.value(), expiresAt);
    return QString::fromLatin1(token.toBase64(Encoding));
}

Result<User> AuthTokenService::verify(const QString &email, const QString &token)
{
    const auto decoded = QByteArray::fromBase64Encoding(token.toLatin1(), Encoding);
    if (!decoded || decoded.decoded.size() != 16 + crypto_auth_hmacsha256_BYTES)
        return Error::unauthorized(InvalidToken);
    const QByteArray &bytes = decoded.decoded;
    const qint64 userId = fromBigEndian(bytes.first(8));
    const qint64 expiresAt = fromBigEndian(bytes.sliced(8, 8));
    if (expiresAt <= QDateTime::currentSecsSinceEpoch())
        return Error::unauthorized(InvalidToken);
    Result<User> user = m_users.userById(userId);
    if (!user || !user->isActive || user->email.compare(email, Qt::CaseInsensitive) != 0)
        return Error::unauthorized(InvalidToken);
    const QByteArray expected = signature(user.value(), expiresAt);
    if (crypto_verify_32(reinterpret_cast<const unsigned char *>(expected.constData()),
                         reinterpret_cast<const unsigned char *>(bytes.constData() + 16)) != 0)
        return Error::unauthorized(InvalidToken);
    return user;
}

} // namespace Cairn
