#include "CommonOptions.h"

#include "DatabasePassword.h"
#include "ExitCode.h"
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

std::unique_ptr<QSettings> CommonOptions::config(const QCommandLineParser &parser)
{
    if (!parser.isSet(ConfigOption))
        return nullptr;
    return std::make_unique<QSettings>(parser.value(ConfigOption), QSettings::IniFormat);
}

std::optional<CoreOptions> CommonOptions::read(const QCommandLineParser &parser, int *exitCode)
{
    QTextStream err(stderr);
    const std::unique_ptr<QSettings> settings = config(parser);
    if (settings && settings->status() != QSettings::NoError) {
        err << "cairn: cannot read config file " << parser.value(ConfigOption) << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    const auto setting = [&](const QString &option, const QString &key, const QString &fallback) {
        if (parser.isSet(option))
            return parser.value(option);
        return settings ? settings->value(key, fallback).toString() : fallback;
    };
    CoreOptions options;
    options.dataDir = setting(DataDirOption, QStringLiteral("server/data_dir"), defaultDataDir());
    const Result<DatabaseConfig> database = DatabaseConfig::fromUrl(
        setting(DatabaseOption, QStringLiteral("database/url"), QString()), options.dataDir);
    if (!database) {
        err << "cairn: --database: " << database.error().message << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    options.database = database.value();
    if (settings) {
        const double queryTimeout =
            settings->value(QStringLiteral("database/query_timeout_seconds"), 5).toDouble();
        if (queryTimeout < 0.1 || queryTimeout > 600) {
            err << "cairn: [database] query_timeout_seconds must be 0.1 to 600" << Qt::endl;
            *exitCode = ExitUsage;
            return std::nullopt;
        }
        options.database.queryTimeoutMs = int(queryTimeout * 1000);
    }
    ZtpSettings &ztp = options.ztp;
    ztp.dataRoot = setting(ZtpDataRootOption, QStringLiteral("ztp/data_root"), QString());
    ztp.serverUrl = setting(ZtpServerUrlOption, QStringLiteral("ztp/server_url"), ztp.serverUrl);
    const QString identifier = setting(ZtpIdentifierOption, QStringLiteral("ztp/identifier"),
                                       QStringLiteral("serialnumber"));
    if (identifier != u"serialnumber" && identifier != u"systemmac") {
        err << "cairn: --ztp-identifier takes serialnumber or systemmac" << Qt::endl;
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    ztp.identifier =
        identifier == u"systemmac" ? ZtpIdentifier::SystemMac : ZtpIdentifier::SerialNumber;
    if (settings) {
        ztp.disableTopologyValidation =
            settings->value(QStringLiteral("ztp/disable_topology_validation"), false).toBool();
        ztp.site = settings->value(QStringLiteral("ztp/site"), ztp.site).toString();
        const int handlerSeconds =
            settings->value(QStringLiteral("ztp/config_handler_timeout_seconds"), 60).toInt();
        if (handlerSeconds < 1 || handlerSeconds > 3600) {
            err << "cairn: [ztp] config_handler_timeout_seconds must be 1 to 3600" << Qt::endl;
            *exitCode = ExitUsage;
            return std::nullopt;
        }
        ztp.configHandlerTimeoutMs = handlerSeconds * 1000;
        ztp.registrationsPerMinute =
            settings->value(QStringLiteral("ztp/registrations_per_minute"), 60).toInt();
        VirtSettings &virt = options.virt;
        virt.allowTcp = settings->value(QStringLiteral("virt/allow_tcp"), false).toBool();
        virt.testFixturesDir = settings->value(QStringLiteral("virt/test_fixtures_dir")).toString();
        virt.imageDirs = settings->value(QStringLiteral("virt/image_dirs")).toStringList();
        virt.provisionDir = settings->value(QStringLiteral("virt/provision_dir")).toString();
        if (!virt.provisionDir.isEmpty() && QDir::isRelativePath(virt.provisionDir)) {
            err << "cairn: [virt] provision_dir must be an absolute path" << Qt::endl;
            *exitCode = ExitUsage;
            return std::nullopt;
        }
        virt.feedsAllowPrivate =
            settings->value(QStringLiteral("virt/feeds_allow_private"), false).toBool();
        virt.maxPackageBytes =
            settings->value(QStringLiteral("virt/max_package_bytes"), virt.maxPackageBytes)
                .toLongLong();
    }
    if (options.database.driver == DatabaseConfig::Driver::Postgres)
        options.database.password = DatabasePassword::lookup(options.database);
    if (settings) {
        options.authTokenLifetimeSeconds =
            settings->value(QStringLiteral("auth/auth_token_lifetime_seconds"), 600).toInt();
        RateLimit &limit = options.toolkitRateLimit;
        limit.windowMinutes =
            settings->value(QStringLiteral("toolkit/time_window_minutes"), limit.windowMinutes)
                .toInt();
        limit.perDevice =
            settings->value(QStringLiteral("toolkit/device_command_limit"), limit.perDevice)
                .toInt();
        limit.bypassUsers =
            settings->value(QStringLiteral("toolkit/rate_limit_bypass_users")).toStringList();
        limit.bypassGroups =
            settings->value(QStringLiteral("toolkit/rate_limit_bypass_groups")).toStringList();
        options.toolkitBulkConcurrency =
            settings
                ->value(QStringLiteral("toolkit/bulk_concurrency"), options.toolkitBulkConcurrency)
                .toInt();
        if (options.toolkitBulkConcurrency < 1 ||
            options.toolkitBulkConcurrency > BulkExecutor::MaxConcurrency) {
            err << "cairn: [toolkit] bulk_concurrency must be 1 to " << BulkExecutor::MaxConcurrency
                << Qt::endl;
            *exitCode = ExitUsage;
            return std::nullopt;
        }
        const QString policy = settings
                                   ->value(QStringLiteral("toolkit/host_key_policy"),
                                           QStringLiteral("trust_on_first_use"))
                                   .toString();
        if (policy != QLatin1String("trust_on_first_use") && policy != QLatin1String("strict")) {
            err << "cairn: [toolkit] host_key_policy must be trust_on_first_use or strict"
                << Qt::endl;
            *exitCode = ExitUsage;
            return std::nullopt;
        }
        options.hostKeyPolicy = policy == QLatin1String("strict") ? HostKeyPolicy::Strict
                                                                  : HostKeyPolicy::TrustOnFirstUse;
        options.toolkitMaxOutputBytes =
            settings
                ->value(QStringLiteral("toolkit/max_output_bytes"), options.toolkitMaxOutputBytes)
                .toLongLong();
        if (options.toolkitMaxOutputBytes < 1024) {
            err << "cairn: [toolkit] max_output_bytes must be at least 1024" << Qt::endl;
            *exitCode = ExitUsage;
            return std::nullopt;
        }
        options.toolkitTemplatesDir =
            settings->value(QStringLiteral("toolkit/templates_dir")).toString();
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
    }
    return options;
}

std::unique_ptr<CoreServices> CommonOptions::open(const QCommandLineParser &parser, int *exitCode)
{
    const std::optional<CoreOptions> options = read(parser, exitCode);
    if (!options)
        return nullptr;
    Result<std::unique_ptr<CoreServices>> core = CoreServices::open(*options);
    if (!core) {
        QTextStream(stderr) << "cairn: " << core.error().message << Qt::endl;
        *exitCode = ExitFailure;
        return nullptr;
    }
    // Read once: nothing the process starts later inherits them. (PGPASSWORD stays: libpq reads
    // it for every new connection. Children get ChildEnvironment's scrubbed set anyway.)
    for (const char *secret : {"CAIRN_SERVER_KEY", "CAIRN_DB_PASSWORD"})
        qunsetenv(secret);
    return std::move(core).value();
}

} // namespace Cairn
