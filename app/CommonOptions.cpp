#include "CommonOptions.h"

#include "CommandHelp.h"
#include "Configuration.h"
#include "ExitCode.h"
#include "common/DatabasePassword.h"
#include "toolkit/OutputParser.h"

#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

namespace Cairn {

namespace {
const QString DataDirOption = QStringLiteral("data-dir");
const QString DatabaseOption = QStringLiteral("database");
const QString ConfigOption = QStringLiteral("config");
const QString ZtpDataRootOption = QStringLiteral("ztp-data-root");
const QString ZtpServerUrlOption = QStringLiteral("ztp-server-url");
const QString ZtpIdentifierOption = QStringLiteral("ztp-identifier");
} // namespace

void CommonOptions::addTo(QCommandLineParser &parser)
{
    parser.addOption({DataDirOption,
                      QStringLiteral("Folder for the database, keys and files (default %1).")
                          .arg(defaultDataDir()),
                      QStringLiteral("DIR")});
    parser.addOption({DatabaseOption,
                      QStringLiteral("postgresql://user@host:port/db to use PostgreSQL instead of "
                                     "SQLite (password from CAIRN_DB_PASSWORD or the keychain)."),
                      QStringLiteral("URL")});
    parser.addOption(
        {ConfigOption, QStringLiteral("INI file with settings."), QStringLiteral("FILE")});
}

void CommonOptions::addZtpTo(QCommandLineParser &parser)
{
    parser.addOption({ZtpDataRootOption,
                      QStringLiteral("ZTPServer data_root (default <data-dir>/ztp)."),
                      QStringLiteral("DIR")});
    parser.addOption({ZtpServerUrlOption,
                      QStringLiteral("URL switches reach the ZTP listener at (replaces $SERVER; "
                                     "default http://ztpserver:8080)."),
                      QStringLiteral("URL")});
    parser.addOption({ZtpIdentifierOption,
                      QStringLiteral("What names a ZTP node: serialnumber (default) or systemmac."),
                      QStringLiteral("FACT")});
}

QString CommonOptions::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/cairn");
}

std::optional<CoreOptions> CommonOptions::read(const QCommandLineParser &parser, int *exitCode)
{
    const Result<Configuration> configuration = Configuration::load(parser);
    if (!configuration) {
        QTextStream(stderr) << "cairn: " << configuration.error().message << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    return read(configuration.value(), exitCode);
}

std::optional<CoreOptions> CommonOptions::read(const Configuration &configuration, int *exitCode)
{
    QTextStream err(stderr);
    const auto setting = [&](const QString &key, const QVariant &fallback,
                             const QString &flag = {}) {
        return configuration.value(key, fallback, flag);
    };
    CoreOptions options;
    options.dataDir =
        setting(QStringLiteral("server/data_dir"), defaultDataDir(), DataDirOption).toString();
    const Result<DatabaseConfig> database = DatabaseConfig::fromUrl(
        setting(QStringLiteral("database/url"), QString(), DatabaseOption).toString(),
        options.dataDir);
    if (!database) {
        err << "cairn: --database: " << database.error().message << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    options.database = database.value();
    const double queryTimeout =
        setting(QStringLiteral("database/query_timeout_seconds"), 5).toDouble();
    if (queryTimeout < 0.1 || queryTimeout > 600) {
        err << "cairn: [database] query_timeout_seconds must be 0.1 to 600" << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    options.database.queryTimeoutMs = int(queryTimeout * 1000);
    ZtpSettings &ztp = options.ztp;
    ztp.dataRoot =
        setting(QStringLiteral("ztp/data_root"), QString(), ZtpDataRootOption).toString();
    ztp.serverUrl =
        setting(QStringLiteral("ztp/server_url"), ztp.serverUrl, ZtpServerUrlOption).toString();
    const QString identifier = setting(QStringLiteral("ztp/identifier"),
                                       QStringLiteral("serialnumber"), ZtpIdentifierOption)
                                   .toString();
    if (identifier != u"serialnumber" && identifier != u"systemmac") {
        err << "cairn: --ztp-identifier takes serialnumber or systemmac" << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    ztp.identifier =
        identifier == u"systemmac" ? ZtpIdentifier::SystemMac : ZtpIdentifier::SerialNumber;
    ztp.disableTopologyValidation =
        setting(QStringLiteral("ztp/disable_topology_validation"), false).toBool();
    ztp.site = setting(QStringLiteral("ztp/site"), ztp.site).toString();
    const int handlerSeconds = setting(QStringLiteral("ztp/config_handler_timeout_seconds"),
                                       ztp.configHandlerTimeoutMs / 1000)
                                   .toInt();
    if (handlerSeconds < 1 || handlerSeconds > 3600) {
        err << "cairn: [ztp] config_handler_timeout_seconds must be 1 to 3600" << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    ztp.configHandlerTimeoutMs = handlerSeconds * 1000;
    ztp.registrationsPerMinute =
        setting(QStringLiteral("ztp/registrations_per_minute"), ztp.registrationsPerMinute).toInt();
    VirtSettings &virt = options.virt;
    virt.allowTcp = setting(QStringLiteral("virt/allow_tcp"), false).toBool();
    virt.testFixturesDir = setting(QStringLiteral("virt/test_fixtures_dir"), QString()).toString();
    virt.imageDirs = configuration.values(QStringLiteral("virt/image_dirs"), {});
    virt.provisionDir = setting(QStringLiteral("virt/provision_dir"), QString()).toString();
    if (!virt.provisionDir.isEmpty() && QDir::isRelativePath(virt.provisionDir)) {
        err << "cairn: [virt] provision_dir must be an absolute path" << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    virt.feedsAllowPrivate = setting(QStringLiteral("virt/feeds_allow_private"), false).toBool();
    virt.maxPackageBytes =
        setting(QStringLiteral("virt/max_package_bytes"), virt.maxPackageBytes).toLongLong();
    if (options.database.driver == DatabaseConfig::Driver::Postgres)
        options.database.password = DatabasePassword::lookup(options.database);
    options.authTokenLifetimeSeconds = setting(QStringLiteral("auth/auth_token_lifetime_seconds"),
                                               options.authTokenLifetimeSeconds)
                                           .toInt();
    RateLimit &limit = options.toolkitRateLimit;
    limit.windowMinutes =
        setting(QStringLiteral("toolkit/time_window_minutes"), limit.windowMinutes).toInt();
    limit.perDevice =
        setting(QStringLiteral("toolkit/device_command_limit"), limit.perDevice).toInt();
    limit.bypassUsers = configuration.values(QStringLiteral("toolkit/rate_limit_bypass_users"), {});
    limit.bypassGroups =
        configuration.values(QStringLiteral("toolkit/rate_limit_bypass_groups"), {});
    options.toolkitBulkConcurrency =
        setting(QStringLiteral("toolkit/bulk_concurrency"), options.toolkitBulkConcurrency).toInt();
    if (options.toolkitBulkConcurrency < 1 ||
        options.toolkitBulkConcurrency > BulkExecutor::MaxConcurrency) {
        err << "cairn: [toolkit] bulk_concurrency must be 1 to " << BulkExecutor::MaxConcurrency
            << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    const QString policy =
        setting(QStringLiteral("toolkit/host_key_policy"), QStringLiteral("trust_on_first_use"))
            .toString();
    if (policy != QLatin1String("trust_on_first_use") && policy != QLatin1String("strict")) {
        err << "cairn: [toolkit] host_key_policy must be trust_on_first_use or strict" << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    options.hostKeyPolicy =
        policy == QLatin1String("strict") ? HostKeyPolicy::Strict : HostKeyPolicy::TrustOnFirstUse;
    options.toolkitMaxOutputBytes =
        setting(QStringLiteral("toolkit/max_output_bytes"), options.toolkitMaxOutputBytes)
            .toLongLong();
    if (options.toolkitMaxOutputBytes < 1024) {
        err << "cairn: [toolkit] max_output_bytes must be at least 1024" << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    options.toolkitTemplatesDir =
        setting(QStringLiteral("toolkit/templates_dir"), QString()).toString();
    if (!options.toolkitTemplatesDir.isEmpty()) {
        const Result<void> templates = OutputParser::checkFolder(options.toolkitTemplatesDir);
        if (!templates) {
            err << "cairn: [toolkit] templates_dir: " << templates.error().message << Qt::endl;
            *exitCode = ExitUsage;
            return std::nullopt;
        }
    }
    if (limit.windowMinutes < 1 || limit.perDevice < 1) {
        err << "cairn: [toolkit] time_window_minutes and device_command_limit must be at "
               "least 1"
            << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    return options;
}

std::unique_ptr<CoreServices> CommonOptions::open(const QCommandLineParser &parser, int *exitCode)
{
    return open(read(parser, exitCode), exitCode);
}

std::unique_ptr<CoreServices> CommonOptions::open(const std::optional<CoreOptions> &options,
                                                  int *exitCode)
{
    if (!options)
        return nullptr;
    Result<std::unique_ptr<CoreServices>> core = CoreServices::open(*options);
    if (!core) {
        QTextStream(stderr) << "cairn: " << core.error().message << Qt::endl;
        *exitCode = ExitFailure;
        return nullptr;
    }
    forgetEnvironmentSecrets();
    return std::move(core).value();
}

void CommonOptions::forgetEnvironmentSecrets()
{
    // Read once: nothing the process starts later inherits them. (PGPASSWORD stays: libpq reads
    // it for every new connection. Children get ChildEnvironment's scrubbed set anyway.)
    for (const char *secret : {"CAIRN_SERVER_KEY", "CAIRN_DB_PASSWORD"})
        qunsetenv(secret);
}

std::optional<int> CommonOptions::readWithFile(QCommandLineParser &parser,
                                               const QStringList &arguments, const char *usage,
                                               const char *examples, QString *file,
                                               std::optional<CoreOptions> *options)
{
    addTo(parser);
    if (const std::optional<int> ended = parseArguments(parser, arguments, examples))
        return ended;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        QTextStream(stderr) << "cairn: " << usage << Qt::endl;
        return ExitUsage;
    }
    *file = positional.at(1);
    int exitCode = ExitOk;
    *options = read(parser, &exitCode);
    if (!*options)
        return exitCode;
    return std::nullopt;
}

} // namespace Cairn
