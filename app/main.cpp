#include "ApiListenerSettings.h"
#include "BackupCommand.h"
#include "CommonOptions.h"
#include "Configuration.h"
#include "DesktopNode.h"
#include "EmbeddedServer.h"
#include "ExitCode.h"
#include "GroupCommand.h"
#include "KnownHostsCommand.h"
#include "MigrateCommand.h"
#include "RestoreCommand.h"
#include "RoutesCommand.h"
#include "ServeCommand.h"
#include "TopologyCommand.h"
#include "UserCommand.h"
#include "common/DatabasePassword.h"
#include "common/Theme.h"
#include "shell/ConnectionDialog.h"
#include "shell/ConnectionProfiles.h"
#include "shell/MainWindow.h"
#include "shell/SignInDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>
#include <QTranslator>
#include <cstdlib>
#include <sys/prctl.h>

using namespace Cairn;

namespace {

const char *const Usage =
    "Usage:\n"
    "  cairn                     open the desktop application\n"
    "  cairn serve [options]     run the server headless\n"
    "  cairn user ...            add users, set passwords, list, make tokens\n"
    "  cairn group ...           add groups and their members, list\n"
    "  cairn known-hosts ...     add or forget the SSH host keys of devices\n"
    "  cairn topology ...        export or import the topology spreadsheet\n"
    "  cairn migrate ...         export or import a migration project (the whole database)\n"
    "  cairn backup FILE         the database and the data directory in one archive\n"
    "  cairn restore FILE        a backup made the data directory again (server stopped)\n"
    "  cairn routes              who may call what: every route's access, by face\n"
    "  cairn help [COMMAND]      this text, or a command's options\n"
    "  cairn --help | --version\n"
    "Run 'cairn help COMMAND' (or 'cairn COMMAND --help') for a command's options.\n";

// Whether a desktop session is there to open windows on; without one Qt aborts with advice
// about reinstalling the application.
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// The profile the desktop connected to last, when it was a PostgreSQL server: its password
// from the keychain (or CAIRN_DB_PASSWORD). An unreadable profile leaves the database as it is.
void useLastConnection(CoreOptions &options)
{
    const QString last = ConnectionProfiles::lastUsed();
    if (last.isEmpty())
        return;
    for (const ConnectionProfile &profile : ConnectionProfiles::all()) {
        if (profile.name != last)
            continue;
        Result<DatabaseConfig> database = DatabaseConfig::fromUrl(profile.url, options.dataDir);
        if (!database)
            return;
        database->queryTimeoutMs = options.database.queryTimeoutMs;
        database->password = DatabasePassword::lookup(database.value());
        options.database = database.value();
    }
}

QString commandOf(const QStringList &arguments)
{
    // The first word that is neither an option nor the value of one.
    static const QStringList optionsWithValues{
        QStringLiteral("--data-dir"), QStringLiteral("--database"), QStringLiteral("--config")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (optionsWithValues.contains(arguments.at(i)))
            ++i;
        else if (!arguments.at(i).startsWith(QLatin1Char('-')))
            return arguments.at(i);
    }
    return {};
}

// Ends the process now, as a kill would, which nothing saved is lost to. The desktop's node
// is not left: its next start under the name, or another node finding it silent, interrupts
// the jobs still running and cleans up after them once they are gone.
[[noreturn]] void endLeavingJobsRunning(int exitCode)
{
    QSettings().sync();
    std::_Exit(exitCode);
}

int runGui(int argc, char **argv)
{
    if (!hasDisplay()) {
        QTextStream(stderr) << "cairn: no display to open the desktop application on (neither "
                               "DISPLAY nor WAYLAND_DISPLAY is set).\n"
                               "Run the server headless with 'cairn serve'; 'cairn help' lists "
                               "the other commands.\n";
        return ExitFailure;
    }
    // As `cairn serve`: other processes of the same user may not read this one's memory, where
    // the server key, the database password and a TLS key may be.
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    QApplication app(argc, argv);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("cairn"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    QCommandLineParser parser;
    CommonOptions::addTo(parser);
    parser.process(app);
    int exitCode = ExitOk;
    const Result<Configuration> configuration = Configuration::load(parser);
    if (!configuration) {
        QTextStream(stderr) << "cairn: " << configuration.error().message << Qt::endl;
        return ExitUsage;
    }
    std::optional<CoreOptions> options = CommonOptions::read(configuration.value(), &exitCode);
    if (!options)
        return exitCode;
    Theme::apply(Theme::chosen());
    // The database the command line or a configuration names; else the one the desktop
    // connected to last.
    if (!parser.isSet(QStringLiteral("database")) && !parser.isSet(QStringLiteral("config")) &&
        !parser.isSet(QStringLiteral("data-dir")))
        useLastConnection(*options);
    std::unique_ptr<CoreServices> core;
    const ConnectionDialog::Connector connectTo =
        [&core, &options](const DatabaseConfig &database) -> Result<void> {
        CoreOptions wanted = *options;
        wanted.database = database;
        wanted.database.queryTimeoutMs = options->database.queryTimeoutMs;
        Result<std::unique_ptr<CoreServices>> opened = CoreServices::open(wanted);
        if (!opened)
            return opened.error();
        core = std::move(opened).value();
        options = wanted;
        return {};
    };
    const Result<void> first = connectTo(options->database);
    std::optional<Identity> identity;
    bool askConnection = !first;
    while (!identity) {
        if (askConnection) {
            ConnectionDialog connection(options->dataDir, connectTo);
            if (!first && !core)
                connection.showError(first.error().message);
            if (connection.exec() != QDialog::Accepted && !core)
                return ExitOk;
            askConnection = false;
        }
        SignInDialog signIn(*core, core->options().database.describe());
        const int answer = signIn.exec();
        if (answer == SignInDialog::ChangeConnection)
            askConnection = true;
        else if (answer == QDialog::Accepted)
            identity = signIn.identity();
        else
            return ExitOk;
    }
    // No other connection will be opened: the secrets leave the environment.
    CommonOptions::forgetEnvironmentSecrets();
    // A node before any job runs, so that every job is recorded as the desktop's.
    const Result<std::unique_ptr<ClusterMembership>> node =
        joinAsDesktop(*core, configuration->value(QStringLiteral("server/cluster_id"), 1).toInt());
    if (!node)
        qWarning().noquote() << "cairn: the desktop is not in the cluster's registry, so jobs it "
                                "leaves running when it quits stay running:"
                             << node.error().message;
    bool leftJobsRunning = false;
    {
        // Outlives the window, which stops it when it closes.
        EmbeddedServer server(
            *core, [&configuration] { return ApiListenerSettings::read(configuration.value()); });
        {
            MainWindow window(*core, *identity, server.hooks());
            QObject::connect(&window, &MainWindow::signedOut, &window,
                             [&window](const QString &reason) {
                                 QMessageBox::warning(&window, window.windowTitle(), reason);
                                 window.closeStoppingJobs();
                             });
            window.show();
            exitCode = QApplication::exec();
            leftJobsRunning = window.leftJobsRunning();
        }
        // Jobs that did not stop in time: waiting for them (the server's and the core's
        // destructors would) would keep an invisible process holding the data directory.
        if (leftJobsRunning)
            endLeavingJobsRunning(exitCode);
    }
    // The server's stop asked whatever it had started to stop as well.
    if (!core->jobs().waitForIdle(MainWindow::StopJobsDeadlineMs))
        endLeavingJobsRunning(exitCode);
    if (node)
        node.value()->leave();
    return exitCode;
}

} // namespace

int main(int argc, char **argv)
{
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddTHH:mm:ss.zzz} "
                       "%{if-debug}D%{endif}%{if-info}I%{endif}%{if-warning}W%{endif}"
                       "%{if-critical}E%{endif}%{if-fatal}F%{endif} %{category}: %{message}"));
    QCoreApplication::setApplicationName(QStringLiteral("cairn"));
    // The desktop's settings go to ~/.config/cairn/cairn.conf.
    QCoreApplication::setOrganizationName(QStringLiteral("cairn"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CAIRN_VERSION));

    // Usage lines say "cairn", whatever path started it (Qt finds its own file by /proc).
    static char programName[] = "cairn";
    argv[0] = programName;
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QString command = commandOf(arguments);
    // cairn help COMMAND is cairn COMMAND --help.
    if (command == QLatin1String("help")) {
        arguments.removeAt(arguments.indexOf(command));
        command = commandOf(arguments);
        if (command.isEmpty()) {
            QTextStream(stdout) << Usage;
            return ExitOk;
        }
        arguments = {arguments.first(), command, QStringLiteral("--help")};
    }
    if (command.isEmpty()) {
        if (arguments.contains(QLatin1String("--version")) ||
            arguments.contains(QLatin1String("-v"))) {
            QTextStream(stdout) << "cairn " << CAIRN_VERSION << Qt::endl;
            return ExitOk;
        }
        if (arguments.contains(QLatin1String("--help")) ||
            arguments.contains(QLatin1String("-h"))) {
            QTextStream(stdout) << Usage;
            return ExitOk;
        }
        return runGui(argc, argv);
    }
    QCoreApplication app(argc, argv);
    if (command == QLatin1String("serve"))
        return ServeCommand::run(arguments);
    if (command == QLatin1String("user"))
        return UserCommand::run(arguments);
    if (command == QLatin1String("group"))
        return GroupCommand::run(arguments);
    if (command == QLatin1String("known-hosts"))
        return KnownHostsCommand::run(arguments);
    if (command == QLatin1String("topology"))
        return TopologyCommand::run(arguments);
    if (command == QLatin1String("migrate"))
        return MigrateCommand::run(arguments);
    if (command == QLatin1String("backup"))
        return BackupCommand::run(arguments);
    if (command == QLatin1String("restore"))
        return RestoreCommand::run(arguments);
    if (command == QLatin1String("routes"))
        return RoutesCommand::run(arguments);
    QTextStream(stderr) << "cairn: unknown command '" << command << "'\n" << Usage;
    return ExitUsage;
}
