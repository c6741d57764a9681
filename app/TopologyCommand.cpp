#include "TopologyCommand.h"

#include "ActingUser.h"
#include "CommandFailure.h"
#include "CommandHelp.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "TerminalProgress.h"
#include "io/TopologyExport.h"
#include "io/TopologyImport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

namespace Cairn {

namespace {

const char *const Usage = "usage: cairn topology export FILE.xlsx\n"
                          "       cairn topology import FILE [--replace]\n"
                          "Sheets device and link, one object a row (see docs: the topology "
                          "spreadsheet); an import\n"
                          "reads .xlsx, legacy .xls and .csv and reports each row it refused.";

const char *const Examples = "  cairn topology export network.xlsx\n"
                             "  cairn topology import network.xlsx --replace\n"
                             "  cairn topology import links.csv --as admin\n";

int exportFile(CoreServices &core, const Identity &caller, const QString &path)
{
    const Result<TopologyExport::Written> written = [&] {
        TerminalProgress bar(QStringLiteral("Exporting"));
        return TopologyExport(core).write(caller, path, bar.progress());
    }();
    if (!written)
        return reportFailure(written.error());
    QTextStream(stdout) << "Exported " << written->devices << " devices and " << written->links
                        << " links to " << path << Qt::endl;
    return ExitOk;
}

int importFile(CoreServices &core, const Identity &caller, const QString &path, bool replace)
{
    const Result<TopologyImport::Report> report = [&] {
        TerminalProgress bar(QStringLiteral("Importing"));
        return TopologyImport(core).run(caller, path, QFileInfo(path).fileName(), replace,
                                        bar.progress());
    }();
    if (!report)
        return reportFailure(report.error());
    QTextStream err(stderr);
    for (const QJsonValue failure : report->failures) {
        const QJsonObject row = failure.toObject();
        err << row.value(QLatin1String("sheet")).toString() << ", row "
            << row.value(QLatin1String("row")).toInteger() << " ("
            << row.value(QLatin1String("name")).toString()
            << "): " << row.value(QLatin1String("error")).toString() << Qt::endl;
    }
    for (const QString &sheet : report->ignoredSheets)
        err << "ignored sheet " << sheet << Qt::endl;
    QTextStream(stdout) << "Imported " << report->devices << " devices and " << report->links
                        << " links; " << report->failed << " rows refused" << Qt::endl;
    return report->failed == 0 ? ExitOk : ExitFailure;
}

} // namespace

int TopologyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(Usage));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("topology"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("export or import."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The spreadsheet."));
    const QCommandLineOption replace(QStringLiteral("replace"),
                                     QStringLiteral("Delete every device before importing."));
    const QCommandLineOption as(QStringLiteral("as"),
                                QStringLiteral("The superuser to act as (default: the first)."),
                                QStringLiteral("USER"));
    parser.addOptions({replace, as});
    CommonOptions::addTo(parser);
    QTextStream err(stderr);
    if (const std::optional<int> ended = parseArguments(parser, arguments, Examples))
        return *ended;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const bool exporting = action == QLatin1String("export");
    if (positional.size() != 3 || (!exporting && action != QLatin1String("import")) ||
        (exporting && parser.isSet(replace))) {
        err << "cairn: " << Usage << Qt::endl;
        return ExitUsage;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<CoreServices> core = CommonOptions::open(parser, &exitCode);
    if (!core)
        return exitCode;
    const Result<Identity> caller = actingSuperuser(*core, parser.value(as));
    if (!caller)
        return reportFailure(caller.error());
    const QString path = QFileInfo(positional.value(2)).absoluteFilePath();
    return exporting ? exportFile(*core, caller.value(), path)
                     : importFile(*core, caller.value(), path, parser.isSet(replace));
}

} // namespace Cairn
