#include "UserCommand.h"

#include "CommandFailure.h"
#include "CommandHelp.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "PermissionTypes.h"
#include "UserTokenCommands.h"

#include <QFile>
#include <QTextStream>

namespace Cairn {

namespace {

const char *const Examples = "  echo 'a long password' | cairn user add alice --password-stdin\n"
                             "  cairn user grant alice execute_show command\n"
                             "  cairn user grants alice\n"
                             "  cairn user revoke alice 3\n"
                             "  cairn user token alice --expires-days 90 --read-only\n"
                             "  cairn user tokens alice\n"
                             "  cairn user revoke-token alice 2\n";
const QString PasswordStdin = QStringLiteral("password-stdin");
const QString EmailOption = QStringLiteral("email");
const QString SuperuserOption = QStringLiteral("superuser");
const QString ExpiresOption = QStringLiteral("expires-days");
const QString ReadOnlyOption = QStringLiteral("read-only");
const QString ObjectOption = QStringLiteral("object");

// The first line of standard input, as `docker login --password-stdin` reads it.
QString readPassword()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray line = in.readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

int add(CoreServices &core, const QCommandLineParser &parser, const QString &name)
{
    const Result<User> user = core.users().addUser(
        NewUser{name, readPassword(), parser.value(EmailOption), parser.isSet(SuperuserOption)});
    if (!user)
        return reportFailure(user.error());
    QTextStream(stdout) << "Created user " << user->username << " (id " << user->id << ")"
                        << Qt::endl;
    return ExitOk;
}

int passwd(CoreServices &core, const QString &name)
{
    const Result<void> changed = core.users().setPassword(name, readPassword());
    if (!changed)
        return reportFailure(changed.error());
    QTextStream(stdout) << "Password changed for " << name << Qt::endl;
    return ExitOk;
}

int list(CoreServices &core)
{
    const Result<QList<User>> users = core.users().listUsers();
    if (!users)
        return reportFailure(users.error());
    QTextStream out(stdout);
    out << qSetFieldWidth(6) << Qt::left << "ID" << qSetFieldWidth(24) << "USERNAME"
        << qSetFieldWidth(32) << "EMAIL" << qSetFieldWidth(11) << "SUPERUSER" << qSetFieldWidth(0)
        << "ACTIVE" << Qt::endl;
    for (const User &user : users.value())
        out << qSetFieldWidth(6) << user.id << qSetFieldWidth(24) << user.username
            << qSetFieldWidth(32) << (user.email.isEmpty() ? QStringLiteral("-") : user.email)
            << qSetFieldWidth(11) << (user.isSuperuser ? "yes" : "no") << qSetFieldWidth(0)
            << (user.isActive ? "yes" : "no") << Qt::endl;
    return ExitOk;
}

int token(CoreServices &core, const QCommandLineParser &parser, const QString &name)
{
    std::optional<int> expiresInDays;
    if (parser.isSet(ExpiresOption)) {
        bool ok = false;
        expiresInDays = parser.value(ExpiresOption).toInt(&ok);
        if (!ok || *expiresInDays <= 0) {
            QTextStream(stderr) << "cairn: --expires-days takes a positive number" << Qt::endl;
            return ExitUsage;
        }
    }
    const Result<User> user = core.users().userByUsername(name);
    if (!user)
        return reportFailure(user.error());
    const Result<IssuedToken> issued = core.tokens().create(
        user->id, expiresInDays, parser.isSet(ReadOnlyOption), QStringLiteral("command line"));
    if (!issued)
        return reportFailure(issued.error());
    QTextStream out(stdout);
    out << "# API token for " << name << (issued->token.readOnly ? " (read-only)" : "")
        << "; shown once, store it now:" << Qt::endl;
    out << issued->key << Qt::endl;
    return ExitOk;
}

// cairn user grant NAME ACTION OBJECT_TYPE [--object ID]: e.g. execute_show on command.
int grant(CoreServices &core, const QCommandLineParser &parser, const QString &name,
          const QString &actionText, const QString &objectType)
{
    const std::optional<Action> action = actionFromName(actionText);
    bool numeric = true;
    const qint64 objectId = parser.value(ObjectOption).toLongLong(&numeric);
    if (!action || !PermissionTypes::names().contains(objectType) ||
        (parser.isSet(ObjectOption) && !numeric)) {
        QTextStream(stderr) << "cairn: usage: cairn user grant NAME ACTION OBJECT_TYPE [--object "
                               "ID]\n  actions: "
                            << actionNames().join(QLatin1String(", ")) << "\n  object types: "
                            << PermissionTypes::names().join(QLatin1String(", ")) << Qt::endl;
        return ExitUsage;
    }
    const Result<User> user = core.users().userByUsername(name);
    if (!user)
        return reportFailure(user.error());
    Permission permission;
    permission.userId = user->id;
    permission.objectType = objectType;
    if (parser.isSet(ObjectOption))
        permission.objectId = objectId;
    permission.action = *action;
    const Result<Permission> granted = core.permissions().grant(permission);
    if (!granted)
        return reportFailure(granted.error());
    QTextStream(stdout) << "Granted " << actionText << " on " << objectType
                        << (permission.objectId ? QStringLiteral(" %1").arg(objectId) : QString())
                        << " to " << name << Qt::endl;
    return ExitOk;
}

// The user named and what they hold, directly or through a group.
Result<std::pair<User, QList<Permission>>> userAndGrants(CoreServices &core, const QString &name)
{
    Result<User> user = core.users().userByUsername(name);
    if (!user)
        return user.error();
    Result<QList<Permission>> held = core.permissions().permissionsOfUser(user->id);
    if (!held)
        return held.error();
    return std::pair{std::move(user).value(), std::move(held).value()};
}

// cairn user grants NAME: what the user holds, directly or through a group.
int grants(CoreServices &core, const QString &name)
{
    const Result<std::pair<User, QList<Permission>>> found = userAndGrants(core, name);
    if (!found)
        return reportFailure(found.error());
    QTextStream out(stdout);
    out << qSetFieldWidth(6) << Qt::left << "ID" << qSetFieldWidth(16) << "ACTION"
        << qSetFieldWidth(14) << "OBJECT_TYPE" << qSetFieldWidth(10) << "OBJECT"
        << qSetFieldWidth(0) << "HELD_BY" << Qt::endl;
    for (const Permission &permission : found->second) {
        QString holder = QStringLiteral("user");
        if (permission.groupId) {
            const Result<Group> group = core.groups().byId(*permission.groupId);
            holder = QStringLiteral("group ") +
                     (group ? group->name : QString::number(*permission.groupId));
        }
        out << qSetFieldWidth(6) << permission.id << qSetFieldWidth(16)
            << actionName(permission.action) << qSetFieldWidth(14) << permission.objectType
            << qSetFieldWidth(10)
            << (permission.objectId ? QString::number(*permission.objectId) : QStringLiteral("all"))
            << qSetFieldWidth(0) << holder << Qt::endl;
    }
    return ExitOk;
}

// cairn user revoke NAME ID: one of the user's own grants (a group's is revoked from the group).
int revoke(CoreServices &core, const QString &name, const QString &idText)
{
    bool numeric = false;
    const qint64 id = idText.toLongLong(&numeric);
    if (!numeric) {
        QTextStream(stderr) << "cairn: usage: cairn user revoke NAME ID (an ID from cairn user "
                               "grants NAME)"
                            << Qt::endl;
        return ExitUsage;
    }
    const Result<std::pair<User, QList<Permission>>> found = userAndGrants(core, name);
    if (!found)
        return reportFailure(found.error());
    const User &user = found->first;
    const QList<Permission> &held = found->second;
    const auto own = std::find_if(held.cbegin(), held.cend(), [&](const Permission &one) {
        return one.id == id && one.userId == user.id;
    });
    if (own == held.cend())
        return reportFailure(
            Error::notFound(QStringLiteral("%1 holds no grant %2 of their own (see cairn "
                                           "user grants %1).")
                                .arg(name)
                                .arg(id)));
    const Result<void> revoked = core.permissions().revoke(id);
    if (!revoked)
        return reportFailure(revoked.error());
    QTextStream(stdout) << "Revoked " << actionName(own->action) << " on " << own->objectType
                        << " from " << name << Qt::endl;
    return ExitOk;
}

} // namespace

int UserCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Manage users.\n\n  cairn user add NAME --password-stdin [--email E] [--superuser]\n"
        "  cairn user passwd NAME --password-stdin\n  cairn user list\n"
        "  cairn user token NAME [--expires-days N] [--read-only]\n"
        "  cairn user tokens NAME\n  cairn user revoke-token NAME ID\n"
        "  cairn user grant NAME ACTION OBJECT_TYPE [--object ID]\n"
        "  cairn user grants NAME\n  cairn user revoke NAME ID"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("user"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("add, passwd, list, token, tokens, revoke-token, "
                                                "grant, grants or revoke."));
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The username."));
    parser.addOption({PasswordStdin, QStringLiteral("Read the password from standard input.")});
    parser.addOption({EmailOption, QStringLiteral("The user's email (needed for NSoT AuthTokens)."),
                      QStringLiteral("E")});
    parser.addOption({SuperuserOption, QStringLiteral("The user may do everything.")});
    parser.addOption(
        {ExpiresOption, QStringLiteral("The token expires after N days."), QStringLiteral("N")});
    parser.addOption({ReadOnlyOption, QStringLiteral("The token may only read.")});
    parser.addOption({ObjectOption,
                      QStringLiteral("Grant on this one object (by id) instead of the whole type."),
                      QStringLiteral("ID")});
    CommonOptions::addTo(parser);
    QTextStream err(stderr);
    if (const std::optional<int> ended = parseArguments(parser, arguments, Examples))
        return *ended;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const QString name = positional.value(2);
    const bool needsName = action != QLatin1String("list");
    const bool needsPassword = action == QLatin1String("add") || action == QLatin1String("passwd");
    const QStringList actions{
        QStringLiteral("add"),    QStringLiteral("passwd"), QStringLiteral("list"),
        QStringLiteral("token"),  QStringLiteral("grant"),  QStringLiteral("grants"),
        QStringLiteral("revoke"), QStringLiteral("tokens"), QStringLiteral("revoke-token")};
    const bool takesId =
        action == QLatin1String("revoke") || action == QLatin1String("revoke-token");
    const qsizetype allowed = action == QLatin1String("grant") ? 5
                              : takesId                        ? 4
                              : needsName                      ? 3
                                                               : 2;
    if (!actions.contains(action) || (needsName && name.isEmpty()) || positional.size() > allowed) {
        err << "cairn: usage: cairn user add|passwd|token|tokens|revoke-token|grant|grants|revoke "
               "NAME ... or cairn user list"
            << Qt::endl;
        return ExitUsage;
    }
    if (needsPassword && !parser.isSet(PasswordStdin)) {
        err << "cairn: give the password on standard input with --password-stdin" << Qt::endl;
        return ExitUsage;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<CoreServices> core = CommonOptions::open(parser, &exitCode);
    if (!core)
        return exitCode;
    if (action == QLatin1String("add"))
        return add(*core, parser, name);
    if (action == QLatin1String("passwd"))
        return passwd(*core, name);
    if (action == QLatin1String("token"))
        return token(*core, parser, name);
    if (action == QLatin1String("grant"))
        return grant(*core, parser, name, positional.value(3), positional.value(4));
    if (action == QLatin1String("grants"))
        return grants(*core, name);
    if (action == QLatin1String("revoke"))
        return revoke(*core, name, positional.value(3));
    if (action == QLatin1String("tokens"))
        return listUserTokens(*core, name);
    if (action == QLatin1String("revoke-token"))
        return revokeUserToken(*core, name, positional.value(3));
    return list(*core);
}

} // namespace Cairn
