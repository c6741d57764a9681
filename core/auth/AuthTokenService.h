#pragma once

#include "Result.h"
#include "User.h"

#include <QByteArray>

namespace Cairn {

class ServerKey;
class UserService;

// NSoT's short-lived AuthTokens: POST /api/authenticate/ trades an email and secret key for a
// token used as `Authorization: AuthToken <email>:<token>`. Tokens are signed, not stored: the
// signature covers the user, the expiry and when the user's credentials last changed, so
// rotating the secret key or the password voids every token issued before.
class AuthTokenService
{
public:
    AuthTokenService(UserService &users, const ServerKey &serverKey, int lifetimeSeconds);

    Result<QString> issue(const QString &email, const QString &secretKey);
    Result<User> verify(const QString &email, const QString &token);

    int lifetimeSeconds() const { return m_lifetimeSeconds; }

private:
    QByteArray signature(const User &user, qint64 expiresAt) const;

    UserService &m_users;
    QByteArray m_key;
    int m_lifetimeSeconds;
};

} // namespace Cairn
