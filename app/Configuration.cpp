#include "Configuration.h"

#include <QFile>
#include <QFileInfo>
#include <QTextStream>

namespace Cairn {

namespace {

const QString ConfigOption = QStringLiteral("config");

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        QList<int> current(b.size() + 1);
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        previous = current;
    }
    return previous[b.size()];
}

// The candidate closest to `wanted`, when it is close enough to be the one meant.
QString nearest(const QString &wanted, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::numeric_limits<int>::max();
    for (const QString &candidate : candidates) {
        const int distance = editDistance(wanted, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return bestDistance <= std::max(2, int(wanted.size()) / 3) ? best : QString();
}

QStringList sectionsOf(const QStringList &keys)
{
    QStringList sections;
    for (const QString &key : keys) {
        const QString section = key.section(QLatin1Char('/'), 0, 0);
        if (!sections.contains(section))
            sections << section;
    }
    return sections;
}

QStringList namesIn(const QString &section, const QStringList &keys)
{
    QStringList names;
    for (const QString &key : keys) {
        if (key.section(QLatin1Char('/'), 0, 0) == section)
            names << key.section(QLatin1Char('/'), 1);
    }
    return names;
}

// `what` names the unknown thing (`key "thread" in [server]`).
Error unknown(const QString &where, const QString &what, const QString &name,
              const QStringList &candidates)
{
    const QString guess = nearest(name, candidates);
    return Error::badRequest(
        guess.isEmpty()
            ? QStringLiteral("%1: unknown %2; known: %3.")
                  .arg(where, what, candidates.join(QLatin1String(", ")))
            : QStringLiteral("%1: unknown %2; did you mean \"%3\"?").arg(where, what, guess));
}

// The line of each key of an INI file, checked against the known keys (QSettings reads the
// values; it keeps no lines and takes any key).
Result<QHash<QString, int>> checkedLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badRequest(QStringLiteral("cannot read config file %1").arg(path));
    const QStringList &known = Configuration::knownKeys();
    const QStringList sections = sectionsOf(known);
    QHash<QString, int> lines;
    QString section;
    int number = 0;
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        ++number;
        const QString where = QStringLiteral("%1:%2").arg(path).arg(number);
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')) ||
            line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            section = line.mid(1, line.indexOf(QLatin1Char(']')) - 1).trimmed();
            if (!line.contains(QLatin1Char(']')) || !sections.contains(section))
                return unknown(where, QStringLiteral("section [%1]").arg(section), section,
                               sections);
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return Error::badRequest(QStringLiteral("%1: expected key=value").arg(where));
        const QString name = line.left(equals).trimmed();
        if (section.isEmpty())
            return Error::badRequest(
                QStringLiteral("%1: \"%2\" is outside a section ([server], [http]...)")
                    .arg(where, name));
        const QString key = section + QLatin1Char('/') + name;
        if (!known.contains(key))
            return unknown(where, QStringLiteral("key \"%1\" in [%2]").arg(name, section), name,
                           namesIn(section, known));
        lines.insert(key, number);
    }
    return lines;
}

// As the file writes it: "[server] listen".
QString sectionAndName(const QString &key)
{
    return QStringLiteral("[%1] %2").arg(key.section(QLatin1Char('/'), 0, 0),
                                         key.section(QLatin1Char('/'), 1));
}

} // namespace

const QStringList &Configuration::knownKeys()
{
    static const QStringList keys{
        QStringLiteral("server/listen"),
        QStringLiteral("server/threads"),
        QStringLiteral("server/data_dir"),
        QStringLiteral("server/node_name"),
        QStringLiteral("server/cluster_id"),
        QStringLiteral("server/log_format"),
        QStringLiteral("cluster/heartbeat_seconds"),
        QStringLiteral("cluster/dead_after_seconds"),
        QStringLiteral("metrics/allow"),
        QStringLiteral("metrics/token_sha256"),
        QStringLiteral("database/url"),
        QStringLiteral("database/query_timeout_seconds"),
        QStringLiteral("http/max_header_bytes"),
        QStringLiteral("http/max_body_bytes"),
        QStringLiteral("http/request_timeout_seconds"),
        QStringLiteral("http/idle_timeout_seconds"),
        QStringLiteral("http/max_connections"),
        QStringLiteral("http/max_connections_per_address"),
        QStringLiteral("http/max_pending_body_bytes"),
        QStringLiteral("http/certificate"),
        QStringLiteral("http/key"),
        QStringLiteral("toolkit/time_window_minutes"),
        QStringLiteral("toolkit/device_command_limit"),
        QStringLiteral("toolkit/rate_limit_bypass_users"),
        QStringLiteral("toolkit/rate_limit_bypass_groups"),
        QStringLiteral("toolkit/bulk_concurrency"),
        QStringLiteral("toolkit/host_key_policy"),
        QStringLiteral("toolkit/max_output_bytes"),
        QStringLiteral("toolkit/templates_dir"),
        QStringLiteral("virt/poll_seconds"),
        QStringLiteral("virt/allow_tcp"),
        QStringLiteral("virt/test_fixtures_dir"),
        QStringLiteral("virt/image_dirs"),
        QStringLiteral("virt/provision_dir"),
        QStringLiteral("virt/feeds_allow_private"),
        QStringLiteral("virt/max_package_bytes"),
        QStringLiteral("ztp/listen"),
        QStringLiteral("ztp/data_root"),
        QStringLiteral("ztp/server_url"),
        QStringLiteral("ztp/identifier"),
        QStringLiteral("ztp/disable_topology_validation"),
        QStringLiteral("ztp/site"),
        QStringLiteral("ztp/config_handler_timeout_seconds"),
        QStringLiteral("ztp/max_body_bytes"),
        QStringLiteral("ztp/max_config_bytes"),
        QStringLiteral("ztp/max_connections"),
        QStringLiteral("ztp/max_connections_per_address"),
        QStringLiteral("ztp/registrations_per_minute"),
        QStringLiteral("auth/auth_token_lifetime_seconds"),
        QStringLiteral("auth/trusted_header"),
        QStringLiteral("auth/trusted_proxies"),
        QStringLiteral("auth/trusted_header_create_users"),
    };
    return keys;
}

Result<Configuration> Configuration::load(const QCommandLineParser &parser)
{
    Configuration configuration(parser);
    if (!parser.isSet(ConfigOption))
        return configuration;
    const QString path = parser.value(ConfigOption);
    const QFileInfo info(path);
    if (!info.exists())
        return Error::badRequest(QStringLiteral("config file %1 does not exist").arg(path));
    if (!info.isFile() || !info.isReadable())
        return Error::badRequest(QStringLiteral("cannot read config file %1").arg(path));
    Result<QHash<QString, int>> lines = checkedLines(path);
    if (!lines)
        return lines.error();
    configuration.m_path = path;
    configuration.m_lineOfKey = std::move(lines).value();
    configuration.m_file = std::make_shared<QSettings>(path, QSettings::IniFormat);
    if (configuration.m_file->status() != QSettings::NoError)
        return Error::badRequest(QStringLiteral("cannot read config file %1").arg(path));
    // What QSettings read is what counts: a key the line scan did not see as one (a lone CR
    // ending a line, a continuation) is checked here, without its line.
    const QStringList &known = knownKeys();
    for (const QString &key : configuration.m_file->allKeys()) {
        if (known.contains(key))
            continue;
        const QString section = key.section(QLatin1Char('/'), 0, 0);
        if (!key.contains(QLatin1Char('/')))
            return Error::badRequest(
                QStringLiteral("%1: \"%2\" is outside a section ([server], [http]...)")
                    .arg(path, key));
        if (!sectionsOf(known).contains(section))
            return unknown(path, QStringLiteral("section [%1]").arg(section), section,
                           sectionsOf(known));
        const QString name = key.section(QLatin1Char('/'), 1);
        return unknown(path, QStringLiteral("key \"%1\" in [%2]").arg(name, section), name,
                       namesIn(section, known));
    }
    return configuration;
}

bool Configuration::flagGiven(const QString &flag) const
{
    // optionNames(): only what was given, and no warning for a flag this command lacks.
    return !flag.isEmpty() && m_parser->optionNames().contains(flag);
}

QString Configuration::fileSource(const QString &key) const
{
    return QStringLiteral("%1:%2").arg(m_path).arg(m_lineOfKey.value(key));
}

void Configuration::record(const QString &key, const QVariant &value, const QString &source) const
{
    const QString text = value.metaType().id() == QMetaType::QStringList
                             ? value.toStringList().join(QLatin1String(", "))
                             : value.toString();
    m_readings->append({key, text, source});
}

QString Configuration::environmentName(const QString &key)
{
    return QStringLiteral("CAIRN_") +
           QString(key).replace(QLatin1Char('/'), QLatin1Char('_')).toUpper();
}

QVariant Configuration::value(const QString &key, const QVariant &fallback,
                              const QString &flag) const
{
    if (flagGiven(flag)) {
        const QString given = m_parser->value(flag);
        record(key, given, QStringLiteral("--") + flag);
        return given;
    }
    // Set but empty (an unfilled template) is not set: an empty database URL would quietly be
    // SQLite on a cluster node.
    const QString variable = environmentName(key);
    if (!qEnvironmentVariableIsEmpty(qPrintable(variable))) {
        const QString given = qEnvironmentVariable(qPrintable(variable));
        record(key, given, QStringLiteral("$") + variable);
        return given;
    }
    if (m_file && m_file->contains(key)) {
        QVariant stored = m_file->value(key);
        record(key, stored, fileSource(key));
        return stored;
    }
    record(key, fallback, QStringLiteral("default"));
    return fallback;
}

QStringList Configuration::values(const QString &key, const QString &flag) const
{
    if (flagGiven(flag)) {
        QStringList given = m_parser->values(flag);
        record(key, given, QStringLiteral("--") + flag);
        return given;
    }
    const QVariant found = value(key, QStringList());
    // A variable is one text; the file's lists QSettings has already split.
    if (found.metaType().id() == QMetaType::QString) {
        QStringList items;
        for (const QString &item : found.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            items << item.trimmed();
        return items;
    }
    return found.toStringList();
}

QString Configuration::report() const
{
    // In the order the file documents them (README.md), whatever order they were read in.
    QList<Reading> readings = *m_readings;
    std::stable_sort(readings.begin(), readings.end(), [](const Reading &a, const Reading &b) {
        return knownKeys().indexOf(a.key) < knownKeys().indexOf(b.key);
    });
    QString text;
    qsizetype width = 0;
    for (const Reading &reading : std::as_const(readings))
        width = std::max(width, sectionAndName(reading.key).size() + reading.value.size() + 3);
    for (const Reading &reading : std::as_const(readings)) {
        const QString setting = sectionAndName(reading.key) + QStringLiteral(" = ") + reading.value;
        text += setting.leftJustified(width + 2) + QStringLiteral("(") + reading.source +
                QStringLiteral(")\n");
    }
    return text;
}

} // namespace Cairn
