#pragma once

#include "Result.h"
#include "auth/Identity.h"

#include <QHostAddress>
#include <QList>
#include <QPair>

namespace Cairn {

class AuthTokenService;
class TokenService;
class UserService;
struct HttpRequest;

struct TrustedHeaderSettings
{
    // Empty: the trusted-header method is off (the default).
    QByteArray headerName;
    // Honoured only from these networks (a reverse proxy that sets the header itself).
    QList<QPair<QHostAddress, int>> proxies;
    bool createUsers = true;
};

// Finds who is calling from `Authorization: Token`, `Authorization: AuthToken email:token`,
// HTTP Basic, or a trusted proxy's header, in that order.
class Authenticator
{
public:
    Authenticator(UserService &users, TokenService &tokens, AuthTokenService &authTokens,
                  TrustedHeaderSettings trustedHeader);

    // Empty when the request carries no credentials at all.
    std::optional<Result<Identity>> authenticate(const HttpRequest &request) const;
    // Whether authenticate() would compute a password hash (a password not verified lately).
    bool wouldHashPassword(const HttpRequest &request) const;

private:
    struct Password
    {
        QString username;
        QString password;
    };
    // The user name and password of `Authorization: Basic`; empty when it is not Basic,
    // an error when it is Basic but malformed.
    static std::optional<Result<Password>> basicCredentials(const QByteArray &authorization);
    Result<Identity> fromAuthorization(const QByteArray &authorization, const QString &peer) const;
    std::optional<Result<Identity>> fromTrustedHeader(const HttpRequest &request) const;

    UserService &m_users;
    TokenService &m_tokens;
    AuthTokenService &m_authTokens;
    TrustedHeaderSettings m_trustedHeader;
};

} // namespace Cairn
