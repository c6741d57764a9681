#include "UserTokenCommands.h"

#include "CommandFailure.h"
#include "ExitCode.h"
#include "JsonTime.h"

#include <QTextStream>

namespace Cairn {

namespace {

QString timeOrDash(std::optional<qint64> milliseconds)
{
    const QString text = isoTimestamp(milliseconds).toString();
    return text.isEmpty() ? QStringLiteral("-") : text;
}

} // namespace

int listUserTokens(CoreServices &core, const QString &username)
{
    const Result<User> user = core.users().userByUsername(username);
    if (!user)
        return reportFailure(user.error());
    const Result<QList<ApiToken>> tokens = core.tokens().listForUser(user->id);
    if (!tokens)
        return reportFailure(tokens.error());
    QTextStream out(stdout);
    out << qSetFieldWidth(6) << Qt::left << "ID" << qSetFieldWidth(10) << "PREFIX"
        << qSetFieldWidth(7) << "ACCESS" << qSetFieldWidth(26) << "CREATED" << qSetFieldWidth(26)
        << "EXPIRES" << qSetFieldWidth(26) << "LAST_USED" << qSetFieldWidth(0) << "DESCRIPTION"
        << Qt::endl;
    for (const ApiToken &token : tokens.value())
        out << qSetFieldWidth(6) << token.id << qSetFieldWidth(10) << token.keyPrefix
            << qSetFieldWidth(7) << (token.readOnly ? "read" : "write") << qSetFieldWidth(26)
            << timeOrDash(token.createdAt) << qSetFieldWidth(26) << timeOrDash(token.expiresAt)
            << qSetFieldWidth(26) << timeOrDash(token.lastUsedAt) << qSetFieldWidth(0)
            << token.description << Qt::endl;
    if (tokens->isEmpty())
        out << "(" << username << " has no API tokens; make one with cairn user token " << username
            << ")" << Qt::endl;
    return ExitOk;
}

int revokeUserToken(CoreServices &core, const QString &username, const QString &idText)
{
    bool numeric = false;
    const qint64 id = idText.toLongLong(&numeric);
    if (!numeric) {
        QTextStream(stderr) << "cairn: usage: cairn user revoke-token NAME ID (an ID from cairn "
                               "user tokens NAME)"
                            << Qt::endl;
        return ExitUsage;
    }
    const Result<User> user = core.users().userByUsername(username);
    if (!user)
        return reportFailure(user.error());
    const Result<void> removed = core.tokens().remove(user->id, id);
    if (!removed && removed.error().code == ErrorCode::NotFound)
        return reportFailure(
            Error::notFound(QStringLiteral("%1 has no token %2 (see cairn user tokens %1).")
                                .arg(username)
                                .arg(id)));
    if (!removed)
        return reportFailure(removed.error());
    QTextStream(stdout) << "Revoked token " << id << " of " << username << Qt::endl;
    return ExitOk;
}

} // namespace Cairn
