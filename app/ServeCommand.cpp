#include "ServeCommand.h"

#include "ApiListenerSettings.h"
#include "ApiRoutes.h"
#include "ApiService.h"
#include "ApiSettings.h"
#include "CommandHelp.h"
#include "CommonOptions.h"
#include "Configuration.h"
#include "ExitCode.h"
#include "SignalWatcher.h"
#include "automation/AutomationParts.h"
#include "cluster/ClusterMembership.h"
#include "demo/DemoNetwork.h"
#include "io/MigrationProject.h"
#include "io/TopologyFiles.h"
#include "routing/Router.h"
#include "server/ApiServer.h"
#include "server/JsonLog.h"
#include "server/ListenAddress.h"
#include "virt/VirtPoller.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <sys/prctl.h>

Q_LOGGING_CATEGORY(lcServe, "cairn.serve")

namespace Cairn {

namespace {

const QString ListenOption = QStringLiteral("listen");
const QString ZtpListenOption = QStringLiteral("ztp-listen");
const QString ThreadsOption = QStringLiteral("threads");
const QString DemoOption = QStringLiteral("demo");
const QString TrustedHeaderOption = QStringLiteral("trusted-header");
const QString TrustedProxyOption = QStringLiteral("trusted-proxy");
const QString PrintConfigOption = QStringLiteral("print-config");

struct ServeSettings
{
    ListenAddress api;
    std::optional<ListenAddress> ztp;
    // The API listener's threads, limits, TLS, node and trusted header.
    ApiService::Settings service;
    // The ZTP listener's: anyone on the provisioning network reaches it without credentials.
    HttpLimits ztpLimits;
    // How often the hypervisors are synchronised.
    int virtPollSeconds = 30;
    ClusterSettings cluster;
};

int usage(const QString &message)
{
    QTextStream(stderr) << "cairn: " << message << Qt::endl;
    return ExitUsage;
}

// Command line first, then the config file ([server], [http], [auth]), then defaults.
std::optional<ServeSettings> readSettings(const Configuration &configuration, int *exitCode)
{
    const auto value = [&](const QString &option, const QString &key, const QVariant &fallback) {
        return configuration.value(key, fallback, option);
    };
    ServeSettings settings;
    const QString logFormat =
        value({}, QStringLiteral("server/log_format"), QStringLiteral("text")).toString();
    if (logFormat != u"text" && logFormat != u"json") {
        *exitCode = usage(QStringLiteral("[server] log_format takes text or json"));
        return std::nullopt;
    }
    if (logFormat == u"json")
        JsonLog::enable();
    const auto api = ListenAddress::parse(
        value(ListenOption, QStringLiteral("server/listen"), QStringLiteral("127.0.0.1:8090"))
            .toString());
    if (!api) {
        *exitCode = usage(QStringLiteral("--listen takes HOST:PORT"));
        return std::nullopt;
    }
    settings.api = *api;
    const QString ztp = value(ZtpListenOption, QStringLiteral("ztp/listen"), QString()).toString();
    if (!ztp.isEmpty()) {
        settings.ztp = ListenAddress::parse(ztp);
        if (!settings.ztp) {
            *exitCode = usage(QStringLiteral("--ztp-listen takes HOST:PORT"));
            return std::nullopt;
        }
    }
    Result<ApiService::Settings> service = ApiListenerSettings::read(configuration);
    if (!service) {
        *exitCode = usage(service.error().message);
        return std::nullopt;
    }
    settings.service = std::move(service).value();
    const HttpLimits &limits = settings.service.limits;
    // Node facts are a few kilobytes, startup-configs larger; nothing else has a body.
    settings.ztpLimits = limits;
    // Switches have no credentials to send.
    settings.ztpLimits.maxBodyBytesWithoutCredentials = std::numeric_limits<qsizetype>::max();
    settings.ztpLimits.maxBodyBytes =
        value({}, QStringLiteral("ztp/max_body_bytes"), 64 * 1024).toLongLong();
    const qsizetype maxConfigBytes =
        value({}, QStringLiteral("ztp/max_config_bytes"), 1024 * 1024).toLongLong();
    // Qt holds a request's body in memory: connections times the largest body is the bound.
    settings.ztpLimits.maxConnections =
        value({}, QStringLiteral("ztp/max_connections"), 256).toInt();
    // A switch bootstraps over one or two connections at a time.
    settings.ztpLimits.maxConnectionsPerAddress =
        value({}, QStringLiteral("ztp/max_connections_per_address"), 16).toInt();
    if (settings.ztpLimits.maxBodyBytes < 1024 || maxConfigBytes < 1024 ||
        settings.ztpLimits.maxConnections < 1 || settings.ztpLimits.maxConnectionsPerAddress < 1 ||
        settings.ztpLimits.maxPendingBodyBytes < maxConfigBytes) {
        *exitCode = usage(
            QStringLiteral("[ztp] max_body_bytes and max_config_bytes must be at "
                           "least 1024, max_connections and max_connections_per_address at least "
                           "1, and [http] max_pending_body_bytes at least max_config_bytes"));
        return std::nullopt;
    }
    settings.ztpLimits.bodyLimits = {
        {"PUT", QRegularExpression(QStringLiteral("^/nodes/[^/]+/startup-config$")),
         maxConfigBytes}};
    bool ok = false;
    settings.virtPollSeconds = value({}, QStringLiteral("virt/poll_seconds"), 30).toInt(&ok);
    if (!ok || settings.virtPollSeconds < 1 || settings.virtPollSeconds > 86400) {
        *exitCode = usage(QStringLiteral("[virt] poll_seconds takes a number from 1 to 86400"));
        return std::nullopt;
    }
    const int heartbeat = value({}, QStringLiteral("cluster/heartbeat_seconds"), 2).toInt(&ok);
    if (!ok || heartbeat < 1 || heartbeat > 60) {
        *exitCode =
            usage(QStringLiteral("[cluster] heartbeat_seconds takes a number from 1 to 60"));
        return std::nullopt;
    }
    const int deadAfter = value({}, QStringLiteral("cluster/dead_after_seconds"), 15).toInt(&ok);
    // Three missed beats at least: one slow commit must not make a live node look dead.
    if (!ok || deadAfter < 3 * heartbeat || deadAfter > 3600) {
        *exitCode = usage(QStringLiteral("[cluster] dead_after_seconds takes a number from three "
                                         "heartbeats to 3600"));
        return std::nullopt;
    }
    settings.cluster = {
        settings.service.api.nodeName, settings.service.api.clusterId,
        QStringLiteral("%1:%2").arg(settings.api.host.toString()).arg(settings.api.port),
        heartbeat * 1000, deadAfter * 1000};
    return settings;
}

// A server nobody can sign in to helps no one: a first start says how to make the first
// administrator, with the options this server was started with.
void warnWithoutAdministrator(const QCommandLineParser &parser, CoreServices &core)
{
    const Result<QList<User>> users = core.users().listUsers();
    if (!users || std::any_of(users->cbegin(), users->cend(),
                              [](const User &user) { return user.isSuperuser && user.isActive; }))
        return;
    QString options;
    for (const QString &option : {QStringLiteral("data-dir"), QStringLiteral("database")}) {
        if (parser.isSet(option))
            options += QStringLiteral(" --%1 '%2'").arg(option, parser.value(option));
    }
    qCWarning(lcServe).noquote()
        << "no administrator yet: nobody can sign in. Create one with\n"
           "    echo 'a long password' | cairn user add admin --password-stdin "
           "--email admin@example.com --superuser"
        << options;
}

} // namespace

int ServeCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run the Cairn server headless."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("serve"), QStringLiteral("The command."));
    parser.addOption({ListenOption, QStringLiteral("API address (default 127.0.0.1:8090)."),
                      QStringLiteral("HOST:PORT")});
    parser.addOption({ZtpListenOption, QStringLiteral("Zero-touch provisioning listener address."),
                      QStringLiteral("HOST:PORT")});
    parser.addOption({ThreadsOption, QStringLiteral("Listener threads (default: one per core)."),
                      QStringLiteral("N")});
    parser.addOption(
        {DemoOption, QStringLiteral("Load a demonstration network on first start: two sites, a "
                                    "dozen devices with attributes, their networks, interfaces, "
                                    "links and a command catalogue (the test hypervisor's "
                                    "machines are there anyway). Changes nothing once loaded.")});
    parser.addOption({TrustedHeaderOption,
                      QStringLiteral("Trust this header (e.g. X-NSoT-Email) from --trusted-proxy."),
                      QStringLiteral("NAME")});
    parser.addOption(
        {TrustedProxyOption,
         QStringLiteral("Address or CIDR of a proxy allowed to set the trusted header."),
         QStringLiteral("CIDR")});
    parser.addOption(
        {PrintConfigOption, QStringLiteral("Print every setting in effect and where it comes from "
                                           "(an option, the config file and line, or the default), "
                                           "then exit.")});
    CommonOptions::addTo(parser);
    CommonOptions::addZtpTo(parser);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        printHelp(parser,
                  "  cairn serve\n"
                  "  cairn serve --demo                       (with a demonstration network)\n"
                  "  cairn serve --listen 0.0.0.0:8090 --config /etc/cairn/cairn.ini\n"
                  "  CAIRN_DB_PASSWORD=... cairn serve --database "
                  "postgresql://cairn@db:5432/cairn\n"
                  "  cairn serve --ztp-listen 0.0.0.0:8080 --ztp-server-url "
                  "http://192.0.2.1:8080\n"
                  "  cairn serve --config /etc/cairn/cairn.ini --print-config\n");
        return ExitOk;
    }
    if (parser.positionalArguments().size() > 1)
        return usage(QStringLiteral("serve takes no arguments"));

    // Other processes of the same user (a ZTP plugin among them) may not read this one's memory
    // or /proc/<pid>/environ, where the server key and database password may be.
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    int exitCode = ExitOk;
    const Result<Configuration> configuration = Configuration::load(parser);
    if (!configuration)
        return usage(configuration.error().message);
    const std::optional<ServeSettings> settings = readSettings(configuration.value(), &exitCode);
    if (!settings)
        return exitCode;
    const std::optional<CoreOptions> options =
        CommonOptions::read(configuration.value(), &exitCode);
    if (options && parser.isSet(PrintConfigOption)) {
        QTextStream(stdout) << configuration->report();
        return ExitOk;
    }
    const std::unique_ptr<CoreServices> core = CommonOptions::open(options, &exitCode);
    if (!core)
        return exitCode;
    // A node before anything runs, so that every job is recorded as this node's.
    ClusterMembership cluster(core->database(), core->jobs(), settings->cluster);
    const Result<ClusterNode> node = cluster.join();
    if (!node) {
        QTextStream(stderr) << "cairn: " << node.error().message << Qt::endl;
        return ExitFailure;
    }
    (void)core->jobs().recoverAfterCrash();
    // Shared jobs (service runs) go to the queue and run on whichever node has a free worker;
    // those other nodes queued are found within half a second.
    core->jobs().startClaiming(500);
    TopologyFiles(core->options().dataDir).removeLeftovers();
    MigrationProject(core->options().dataDir).removeLeftovers();
    // Tasks fire only where a server runs, never from other commands on the same database.
    core->taskScheduler().start([services = core.get()](const QList<Task> &tasks) {
        AutomationParts parts(*services);
        const QList<Result<ServiceRun>> runs = parts.tasks.fire(tasks);
        for (qsizetype i = 0; i < runs.size(); ++i) {
            if (!runs.at(i))
                qWarning().noquote()
                    << "task" << tasks.at(i).name << "did not run:" << runs.at(i).error().message;
        }
    });
    // Before listening: nobody sees half a demonstration.
    if (parser.isSet(DemoOption)) {
        const Result<QString> demo = DemoNetwork::load(*core);
        if (!demo) {
            QTextStream(stderr) << "cairn: --demo: " << demo.error().message << Qt::endl;
            return ExitFailure;
        }
        qCInfo(lcServe).noquote() << demo.value();
    }
    warnWithoutAdministrator(parser, *core);

    ApiService api(*core, settings->service);
    const Result<quint16> port = api.listen(settings->api.host, settings->api.port);
    if (!port) {
        QTextStream(stderr) << "cairn: " << port.error().message << Qt::endl;
        return ExitFailure;
    }
    cluster.setAddress(
        QStringLiteral("%1:%2").arg(settings->api.host.toString()).arg(port.value()));
    qCInfo(lcServe).noquote()
        << "listening on"
        << QStringLiteral("%1:%2").arg(settings->api.host.toString()).arg(port.value()) << "with"
        << settings->service.threads << "thread(s),"
        << (settings->service.tls ? "TLS," : "plain HTTP,") << "database"
        << core->options().database.describe();
    // The ZTP listener: its own router (every route public) and its own threads.
    Router ztpRouter;
    ApiRoutes::registerZtp(ztpRouter, *core);
    std::unique_ptr<ApiServer> ztp;
    if (settings->ztp) {
        const Result<void> prepared = core->ztp().prepare();
        if (!prepared) {
            QTextStream(stderr) << "cairn: ZTP data root: " << prepared.error().message << Qt::endl;
            return ExitFailure;
        }
        core->ztp().resumeInventory();
        // Its own, smaller pool for plugins and hashing: a switch flood never holds up the API.
        ztp = std::make_unique<ApiServer>(ztpRouter, settings->ztpLimits, settings->service.threads,
                                          BlockingWork::Limits{16, 256});
        const Result<quint16> ztpPort = ztp->listen(settings->ztp->host, settings->ztp->port);
        if (!ztpPort) {
            QTextStream(stderr) << "cairn: --ztp-listen: " << ztpPort.error().message << Qt::endl;
            return ExitFailure;
        }
        qCInfo(lcServe).noquote()
            << "ztp listening on"
            << QStringLiteral("%1:%2").arg(settings->ztp->host.toString()).arg(ztpPort.value())
            << "data root" << core->ztp().dataRoot().root() << "server url"
            << core->ztp().settings().serverUrl;
        if (core->ztp().settings().serverUrl == ZtpSettings().serverUrl)
            qCWarning(lcServe).noquote()
                << "ztp: switches are told to fetch their files from" << ZtpSettings().serverUrl
                << "(the default), a name they are unlikely to resolve; set --ztp-server-url "
                   "(or server_url in [ztp]) to this server's address as switches reach it";
        (void)core->ztp().neighborDb();
    }

    VirtPoller poller(core->virt(), settings->virtPollSeconds);
    poller.start();
    // Another node may have added or changed tasks: each beat looks for the earliest again.
    cluster.start([services = core.get()] { services->taskScheduler().wake(); });

    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::stopRequested, qApp, [](int signalNumber) {
        qCInfo(lcServe) << "signal" << signalNumber << "received; stopping";
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    // Jobs first: a bulk execution stops starting commands, so the answers waiting on it end.
    core->jobs().stopAll();
    // Switches first: nothing new may reach the blocking-work pool the API's stop waits for.
    if (ztp)
        ztp->stop();
    api.stop();
    core->ztp().waitForRecords();
    if (!core->jobs().waitForIdle(30000)) {
        // Still a node meanwhile: it beats, so no other node cleans up after jobs still running.
        qCWarning(lcServe) << "waiting for the jobs still running to stop";
        core->jobs().waitForIdle(-1);
    }
    cluster.leave();
    qCInfo(lcServe) << "stopped";
    return ExitOk;
}

} // namespace Cairn
