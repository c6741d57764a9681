#include "GroupCommand.h"

#include "CommandFailure.h"
#include "CommandHelp.h"
#include "CommonOptions.h"
#include "ExitCode.h"

#include <QTextStream>

namespace Cairn {

namespace {

const char *const Usage = "usage: cairn group add NAME\n"
                          "       cairn group member GROUP USER   (adds USER to GROUP)\n"
                          "       cairn group list";

int addMember(CoreServices &core, const QString &groupName, const QString &username)
{
    const Result<Group> group = core.groups().byName(groupName);
    if (!group)
        return reportFailure(group.error());
    const Result<User> user = core.users().userByUsername(username);
    if (!user)
        return reportFailure(user.error());
    const Result<void> added = core.groups().addMember(group->id, user->id);
    if (!added)
        return reportFailure(added.error());
    QTextStream(stdout) << "Added " << username << " to " << groupName << Qt::endl;
    return ExitOk;
}

int list(CoreServices &core)
{
    const Result<QList<Group>> groups = core.groups().list();
    if (!groups)
        return reportFailure(groups.error());
    QTextStream out(stdout);
    for (const Group &group : groups.value())
        out << group.name << Qt::endl;
    return ExitOk;
}

} // namespace

int GroupCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(Usage));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("group"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add, member or list."));
    CommonOptions::addTo(parser);
    QTextStream err(stderr);
    if (const std::optional<int> ended = parseArguments(parser, arguments,
                                                        "  cairn group add noc\n"
                                                        "  cairn group member noc alice\n"
                                                        "  cairn group list\n"))
        return *ended;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const qsizetype expected = action == QLatin1String("add")      ? 3
                               : action == QLatin1String("member") ? 4
                               : action == QLatin1String("list")   ? 2
                                                                   : -1;
    if (positional.size() != expected) {
        err << "cairn: " << Usage << Qt::endl;
        return ExitUsage;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<CoreServices> core = CommonOptions::open(parser, &exitCode);
    if (!core)
        return exitCode;
    if (action == QLatin1String("list"))
        return list(*core);
    if (action == QLatin1String("member"))
        return addMember(*core, positional.value(2), positional.value(3));
    const Result<Group> created = core->groups().create(positional.value(2));
    if (!created)
        return reportFailure(created.error());
    QTextStream(stdout) << "Added group " << created->name << Qt::endl;
    return ExitOk;
}

} // namespace Cairn
