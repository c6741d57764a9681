#include "Authenticator.h"

#include "auth/AuthTokenService.h"
#include "auth/TokenService.h"
#include "auth/UserService.h"
#include "server/HttpRequest.h"

namespace Cairn {

namespace {

Result<Identity> asIdentity(const Result<User> &user)
{
    if (!user)
        return user.error();
    return Identity{user.value(), false};
}

} // namespace

Authenticator::Authenticator(UserService &users, TokenService &tokens, AuthTokenService &authTokens,
                             TrustedHeaderSettings trustedHeader)
    : m_users(users)
    , m_tokens(tokens)
    , m_authTokens(authTokens)
    , m_trustedHeader(std::move(trustedHeader))
{
}

std::optional<Result<Identity>> Authenticator::authenticate(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("authorization");
    if (!authorization.isEmpty())
        return fromAuthorization(authorization, request.peer.toString());
    return fromTrustedHeader(request);
}

bool Authenticator::wouldHashPassword(const HttpRequest &request) const
{
    const std::optional<Result<Password>> basic = basicCredentials(request.header("authorization"));
    return basic && basic->ok() &&
           !m_users.isPasswordRemembered(basic->value().username, basic->value().password);
}

std::optional<Result<Authenticator::Password>>
Authenticator::basicCredentials(const QByteArray &authorization)
{
    const qsizetype space = authorization.indexOf(' ');
    if (space < 0 || authorization.left(space).toLower() != "basic")
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(authorization.mid(space + 1).trimmed());
    const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
    if (colon < 0)
        return Result<Password>(Error::unauthorized(QStringLiteral("Invalid basic header.")));
    return Result<Password>(Password{QString::fromUtf8(decoded.decoded.left(colon)),
                                     QString::fromUtf8(decoded.decoded.mid(colon + 1))});
}

Result<Identity> Authenticator::fromAuthorization(const QByteArray &authorization,
                                                  const QString &peer) const
{
    const qsizetype space = authorization.indexOf(' ');
    const QByteArray scheme = authorization.left(space).toLower();
    const QByteArray credentials =
        space < 0 ? QByteArray() : authorization.mid(space + 1).trimmed();
    if (credentials.isEmpty())
        return Error::unauthorized(QStringLiteral("Invalid authorization header. No credentials "
                                                  "provided."));
    if (scheme == "token")
        return m_tokens.resolve(QString::fromLatin1(credentials));
    if (scheme == "authtoken") {
        const qsizetype colon = credentials.indexOf(':');
        if (colon <= 0)
            return Error::unauthorized(QStringLiteral("Invalid AuthToken header: expected "
                                                      "'AuthToken <email>:<token>'."));
        return asIdentity(m_authTokens.verify(QString::fromUtf8(credentials.left(colon)),
                                              QString::fromLatin1(credentials.mid(colon + 1))));
    }
    if (const std::optional<Result<Password>> basic = basicCredentials(authorization)) {
        if (!basic->ok())
            return basic->error();
        return asIdentity(
            m_users.verifyPassword(basic->value().username, basic->value().password, peer));
    }
    return Error::unauthorized(QStringLiteral("Unsupported authorization scheme."));
}

std::optional<Result<Identity>> Authenticator::fromTrustedHeader(const HttpRequest &request) const
{
    if (m_trustedHeader.headerName.isEmpty())
        return std::nullopt;
    const QByteArray email = request.header(m_trustedHeader.headerName);
    if (email.isEmpty())
        return std::nullopt;
    const bool fromProxy = std::any_of(
        m_trustedHeader.proxies.cbegin(), m_trustedHeader.proxies.cend(),
        [&](const QPair<QHostAddress, int> &subnet) { return request.peer.isInSubnet(subnet); });
    if (!fromProxy)
        return std::nullopt; // anyone could send the header; only the proxy's copy counts
    return asIdentity(
        m_users.userForTrustedEmail(QString::fromUtf8(email), m_trustedHeader.createUsers));
}

} // namespace Cairn
