#include "ResourceFunctions.h"

#include "ChildEnvironment.h"
#include "FunctionCall.h"
#include "ResourcePool.h"
#include "ZtpDataRoot.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>

Q_DECLARE_LOGGING_CATEGORY(lcZtp)

namespace Cairn {

namespace {

constexpr int PluginTimeoutMs = 10 * 1000;
// All the plugins of one definition: well inside the 30 s a bootstrap client waits.
constexpr int PluginsTimeoutMs = 20 * 1000;

// Loads the plugin as a module (its file has no .py) and prints main()'s value as JSON.
// What the plugin prints goes to stderr, so that stdout holds the value alone.
const QString PluginRunner = QStringLiteral(
    "import importlib.machinery, importlib.util, json, sys\n"
    "path, node_id, argument = sys.argv[1:4]\n"
    "node = json.load(sys.stdin)\n"
    "out, sys.stdout = sys.stdout, sys.stderr\n"
    "loader = importlib.machinery.SourceFileLoader('ztp_plugin', path)\n"
    "module = importlib.util.module_from_spec(importlib.util.spec_from_loader('ztp_plugin', "
    "loader))\n"
    "loader.exec_module(module)\n"
    "value = module.main(node_id, argument, node)\n"
    "json.dump(value, out)\n");

QString python()
{
    // Debian's interpreter, whatever else is first on the PATH.
    const QString system = QStringLiteral("/usr/bin/python3");
    return QFileInfo(system).isExecutable()
               ? system
               : QStandardPaths::findExecutable(QStringLiteral("python3"));
}

} // namespace

ResourceFunctions::ResourceFunctions(const ZtpDataRoot &root, QString nodeId, QJsonObject facts)
    : m_root(root)
    , m_nodeId(std::move(nodeId))
    , m_facts(std::move(facts))
    , m_deadline(PluginsTimeoutMs)
{
}

Result<QJsonValue> ResourceFunctions::resolve(const QJsonValue &value) const
{
    if (value.isArray()) {
        QJsonArray array;
        for (const auto &item : value.toArray()) {
            Result<QJsonValue> resolved = resolve(item);
            if (!resolved)
                return resolved;
            array.append(resolved.value());
        }
        return QJsonValue(array);
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QJsonObject result;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            Result<QJsonValue> resolved = resolve(it.value());
            if (!resolved)
                return resolved;
            result.insert(it.key(), resolved.value());
        }
        return QJsonValue(result);
    }
    // ZTPServer takes any value that starts like a call for one.
    const std::optional<FunctionCall> function =
        value.isString() ? FunctionCall::prefix(value.toString()) : std::nullopt;
    if (!function)
        return value;
    return call(function->name, function->argument);
}

Result<QJsonValue> ResourceFunctions::call(const QString &name, const QString &argument) const
{
    if (name == u"allocate") {
        const std::optional<QString> pool = m_root.path(QStringLiteral("resources"), argument);
        if (!pool)
            return Error::badRequest(
                QStringLiteral("allocate('%1'): not a pool under resources/.").arg(argument));
        Result<QString> allocated = ResourcePool::allocate(*pool, m_nodeId);
        if (!allocated)
            return allocated.error();
        return QJsonValue(allocated.value());
    }
    const std::optional<QString> plugin = m_root.path(QStringLiteral("plugins"), name);
    if (!plugin || !QFileInfo(*plugin).isFile())
        return Error::badRequest(
            QStringLiteral("%1('%2'): there is no plugin %1 in plugins/.").arg(name, argument));
    return runPlugin(name, *plugin, argument);
}

Result<QJsonValue> ResourceFunctions::runPlugin(const QString &name, const QString &path,
                                                const QString &argument) const
{
    const int timeoutMs = int(std::min<qint64>(PluginTimeoutMs, m_deadline.remainingTime()));
    if (timeoutMs <= 0)
        return Error::badRequest(
            QStringLiteral("Plugin %1: the definition's plugins took %2 s already.")
                .arg(name)
                .arg(PluginsTimeoutMs / 1000));
    QProcess process;
    process.setProcessEnvironment(ChildEnvironment::scrubbed());
    process.start(python(), {QStringLiteral("-c"), PluginRunner, path, m_nodeId, argument});
    if (!process.waitForStarted(5000))
        return Error::internal(QStringLiteral("Plugin %1: python3 does not start: %2")
                                   .arg(name, process.errorString()));
    process.write(QJsonDocument(m_facts).toJson(QJsonDocument::Compact));
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return Error::badRequest(
            QStringLiteral("Plugin %1 ran longer than %2 s.").arg(name).arg(timeoutMs / 1000.0));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // Its traceback may quote whatever the plugin read: the log, never the switch.
        qCWarning(lcZtp).noquote()
            << "plugin" << name << "for node" << m_nodeId
            << "failed:" << QString::fromUtf8(process.readAllStandardError().right(1000)).trimmed();
        return Error::badRequest(
            QStringLiteral("Plugin %1 failed; its error is in the server log.").arg(name));
    }
    QJsonParseError error{};
    const QJsonDocument result =
        QJsonDocument::fromJson("[" + process.readAllStandardOutput() + "]", &error);
    if (error.error != QJsonParseError::NoError || result.array().size() != 1)
        return Error::badRequest(
            QStringLiteral("Plugin %1 returned something JSON cannot hold.").arg(name));
    return result.array().first();
}

} // namespace Cairn
