#include "MigrateCommand.h"

#include "ActingUser.h"
#include "CommandFailure.h"
#include "CommandHelp.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "TerminalProgress.h"
#include "io/MigrationExport.h"
#include "io/MigrationImport.h"

#include <QJsonDocument>
#include <QTextStream>

namespace Cairn {

namespace {

const char *const Usage =
    "usage: cairn migrate export NAME [--types T,T...] [--private --passphrase-stdin]\n"
    "       cairn migrate import NAME [--types T,T...] [--empty-first] [--passphrase-stdin]\n"
    "The project is the folder migrations/NAME/ of the data directory: one YAML list per type\n"
    "(user, group, site, attribute, device, network, interface, circuit, protocol_type,\n"
    "protocol, link, pool, command, credential, service, task) and metadata.yaml. Secrets go\n"
    "only with --private, sealed under the passphrase read from standard input; an import is\n"
    "all or nothing, and adds users and groups without changing those that exist.";

const char *const Examples =
    "  cairn migrate export nightly                       (every type, no secrets)\n"
    "  cairn migrate export full --private --passphrase-stdin < passphrase.txt\n"
    "  cairn migrate import full --empty-first --passphrase-stdin < passphrase.txt\n"
    "  cairn migrate import nightly --types device,link --as admin\n";

QString readPassphrase()
{
    QTextStream in(stdin);
    return in.readLine();
}

int exportProject(CoreServices &core, const Identity &caller,
                  const MigrationExport::Options &options)
{
    const Result<MigrationExport::Written> written = [&] {
        TerminalProgress bar(QStringLiteral("Exporting"));
        return MigrationExport(core).write(caller, options, bar.progress());
    }();
    if (!written)
        return reportFailure(written.error());
    QTextStream out(stdout);
    for (auto it = written->counts.begin(); it != written->counts.end(); ++it)
        out << it.key() << ": " << it.value().toInteger() << Qt::endl;
    for (const QString &left : written->leftOut)
        out << "left out " << left << Qt::endl;
    out << "Exported migrations/" << options.name << Qt::endl;
    return ExitOk;
}

int importProject(CoreServices &core, const Identity &caller,
                  const MigrationImport::Options &options)
{
    const Result<MigrationImport::Report> report = [&] {
        TerminalProgress bar(QStringLiteral("Importing"));
        return MigrationImport(core).run(caller, options, bar.progress());
    }();
    if (!report)
        return reportFailure(report.error());
    QTextStream out(stdout);
    if (!report->problems.isEmpty()) {
        QTextStream err(stderr);
        for (const MigrationProblem &problem : report->problems)
            err << problem.file << ", line " << problem.line << " (" << problem.name
                << "): " << problem.error << Qt::endl;
        err << "cairn: nothing was imported: " << report->problems.size()
            << " object(s) were refused" << Qt::endl;
        return ExitFailure;
    }
    for (auto it = report->counts.begin(); it != report->counts.end(); ++it)
        out << it.key() << ": " << it.value().toInteger() << Qt::endl;
    out << "Imported migrations/" << options.name << Qt::endl;
    return ExitOk;
}

} // namespace

int MigrateCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(Usage));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("migrate"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("export or import."));
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The project's name."));
    const QCommandLineOption types(QStringLiteral("types"),
                                   QStringLiteral("Only these types, comma-separated."),
                                   QStringLiteral("T,T..."));
    const QCommandLineOption privateProperties(
        QStringLiteral("private"),
        QStringLiteral("Export secrets too, sealed under the passphrase (--passphrase-stdin)."));
    const QCommandLineOption passphrase(
        QStringLiteral("passphrase-stdin"),
        QStringLiteral("Read the passphrase (at least 12 characters) from standard input."));
    const QCommandLineOption emptyFirst(
        QStringLiteral("empty-first"),
        QStringLiteral("Delete the objects of the types imported before importing."));
    const QCommandLineOption as(QStringLiteral("as"),
                                QStringLiteral("The superuser to act as (default: the first)."),
                                QStringLiteral("USER"));
    parser.addOptions({types, privateProperties, passphrase, emptyFirst, as});
    CommonOptions::addTo(parser);
    QTextStream err(stderr);
    if (const std::optional<int> ended = parseArguments(parser, arguments, Examples))
        return *ended;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const bool exporting = action == QLatin1String("export");
    if (positional.size() != 3 || (!exporting && action != QLatin1String("import")) ||
        (exporting && parser.isSet(emptyFirst)) ||
        (!exporting && parser.isSet(privateProperties))) {
        err << "cairn: " << Usage << Qt::endl;
        return ExitUsage;
    }
    const QStringList chosen = parser.isSet(types)
                                   ? parser.value(types).split(QLatin1Char(','), Qt::SkipEmptyParts)
                                   : QStringList();
    const QString secret = parser.isSet(passphrase) ? readPassphrase() : QString();
    int exitCode = ExitOk;
    const std::unique_ptr<CoreServices> core = CommonOptions::open(parser, &exitCode);
    if (!core)
        return exitCode;
    const Result<Identity> caller = actingSuperuser(*core, parser.value(as));
    if (!caller)
        return reportFailure(caller.error());
    const QString name = positional.value(2);
    if (exporting)
        return exportProject(*core, caller.value(),
                             {name, chosen, parser.isSet(privateProperties), secret});
    return importProject(*core, caller.value(), {name, chosen, parser.isSet(emptyFirst), secret});
}

} // namespace Cairn
