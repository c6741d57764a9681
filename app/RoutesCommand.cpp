#include "RoutesCommand.h"

#include "ApiRoutes.h"
#include "ApiSettings.h"
#include "CommandHelp.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "docs/RouteAccessTable.h"
#include "routing/Router.h"

#include <QTextStream>

namespace Cairn {

int RoutesCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print every listener's routes by face: how many need credentials, "
                       "and each public one (Markdown, as in docs/security.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("routes"), QStringLiteral("The command."));
    CommonOptions::addTo(parser);
    if (const std::optional<int> ended =
            parseArguments(parser, arguments,
                           "  cairn routes\n"
                           "  cairn routes --config /etc/cairn/cairn.ini > routes.md\n"))
        return *ended;
    int exitCode = ExitOk;
    const std::unique_ptr<CoreServices> core = CommonOptions::open(parser, &exitCode);
    if (!core)
        return exitCode;
    Router api;
    ApiRoutes::registerAll(api, *core, ApiSettings{});
    Router ztp;
    ApiRoutes::registerZtp(ztp, *core);
    QTextStream(stdout) << RouteAccessTable::markdown(api, ztp);
    return ExitOk;
}

} // namespace Cairn
