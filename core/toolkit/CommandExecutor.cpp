#include "CommandExecutor.h"

#include "CommandService.h"
#include "CredentialSetService.h"
#include "OutputParser.h"
#include "VariableValues.h"
#include "auth/GroupService.h"
#include "auth/PermissionService.h"
#include "inventory/DeviceService.h"
#include "inventory/InterfaceService.h"
#include "transport/KnownHosts.h"
#include "transport/PlatformCatalog.h"
#include "transport/SessionPool.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <algorithm>

namespace Cairn {

namespace {

constexpr int MinTimeoutSeconds = 5;
constexpr int MaxTimeoutSeconds = 300;

QString hostOnly(const QString &cidr)
{
    return cidr.section(QLatin1Char('/'), 0, 0);
}

} // namespace

CommandExecutor::CommandExecutor(Services services, Database &database, SessionPool &pool,
                                 OutputParser &parser, RateLimit limit, HostKeyPolicy hostKeyPolicy,
                                 qsizetype maxOutputBytes)
    : m_services(services)
    , m_logs(database)
    , m_pool(pool)
    , m_parser(parser)
    , m_limit(std::move(limit))
    , m_hostKeyPolicy(hostKeyPolicy)
    , m_maxOutputBytes(maxOutputBytes)
{
}

Result<DeviceFacts> CommandExecutor::factsOf(const Device &device)
{
    InterfaceFilter filter;
    filter.deviceId = device.id;
    filter.limit = 10000;
    const Result<QList<Interface>> interfaces = m_services.interfaces.list(filter);
    if (!interfaces)
        return interfaces.error();
    DeviceFacts facts;
    // An unknown platform gets the network CLIs' rule; it cannot run anything anyway.
    const PlatformProfile *profile = PlatformCatalog::find(device.platform);
    facts.textValue = profile ? profile->textValue : PlatformProfile::cliTextValue();
    facts.shell = profile && profile->useExec;
    if (!device.ipAddress.isEmpty())
        facts.addresses << device.ipAddress;
    for (const Interface &interface : interfaces.value()) {
        facts.interfaces << interface.name;
        for (const QString &address : interface.addresses) {
            if (!facts.addresses.contains(hostOnly(address)))
                facts.addresses << hostOnly(address);
        }
    }
    return facts;
}

Result<std::pair<Command, Device>> CommandExecutor::target(qint64 commandId, qint64 deviceId)
{
    Result<Command> command = m_services.commands.get(commandId);
    if (!command)
        return command.error();
    Result<Device> device = m_services.devices.get(QString::number(deviceId));
    if (!device)
        return Error::invalidField(QStringLiteral("device_id"),
                                   QStringLiteral("Device %1 not found.").arg(deviceId));
    return std::pair{std::move(command).value(), std::move(device).value()};
}

Result<QHash<QString, QString>> CommandExecutor::checkVariables(const Command &command,
                                                                const Device &device,
                                                                const QJsonObject &given)
{
    const Result<DeviceFacts> facts = factsOf(device);
    if (!facts)
        return facts.error();
    QJsonObject problems;
    QHash<QString, QString> values =
        VariableValues::resolve(command, given, facts.value(), &problems);
    if (!problems.isEmpty()) {
        return Error{ErrorCode::BadRequest, QStringLiteral("Invalid variables."),
                     QJsonObject{{QStringLiteral("variables"), problems}}};
    }
    return values;
}

Result<bool> CommandExecutor::bypassesRate(const Identity &caller)
{
    if (m_limit.bypassUsers.contains(caller.user.username))
        return true;
    if (m_limit.bypassGroups.isEmpty())
        return false;
    const Result<QStringList> groups = m_services.groups.namesOf(caller.user.id);
    if (!groups)
        return groups.error();
    return std::any_of(groups->cbegin(), groups->cend(), [this](const QString &group) {
        return m_limit.bypassGroups.contains(group);
    });
}

Result<void> CommandExecutor::reserveRate(const Identity &caller, const Device &device)
{
    const Result<bool> bypassing = bypassesRate(caller);
    if (!bypassing)
        return bypassing.error();
    const bool bypass = bypassing.value();
    const qint64 since =
        QDateTime::currentMSecsSinceEpoch() - qint64(m_limit.windowMinutes) * 60 * 1000;
    const Result<int> recent = bypass ? Result<int>(0) : m_logs.successesSince(device.id, since);
    if (!recent)
        return recent.error();
    const QMutexLocker lock(&m_runningMutex);
    const int count = recent.value() + m_running.value(device.id);
    if (bypass || count < m_limit.perDevice) {
        ++m_running[device.id];
        return {};
    }
    return Error{ErrorCode::TooManyRequests, QStringLiteral("Rate limit exceeded"),
                 QJsonObject{{QStringLiteral("reason"),
                              QStringLiteral("Device %1 ran %2 commands in the last %3 minutes.")
                                  .arg(device.hostname)
                                  .arg(count)
                                  .arg(m_limit.windowMinutes)},
                             {QStringLiteral("current_count"), count},
                             {QStringLiteral("limit"), m_limit.perDevice},
                             {QStringLiteral("time_window_minutes"), m_limit.windowMinutes}}};
}

void CommandExecutor::releaseRate(qint64 deviceId)
{
    const QMutexLocker lock(&m_runningMutex);
    if (--m_running[deviceId] <= 0)
        m_running.remove(deviceId);
}

Result<QString> CommandExecutor::talk(const SshEndpoint &endpoint, const PlatformProfile &profile,
                                      const Command &command, const QString &text, int timeoutMs)
{
    // The session goes back to the pool when the lease ends, here.
    Result<std::unique_ptr<SessionLease>> lease = m_pool.acquire(
        endpoint, profile, m_services.knownHosts.checker(m_hostKeyPolicy, endpoint.deviceId),
        timeoutMs);
    if (!lease)
        return lease.error();
    DeviceSession &session = lease.value()->session();
    return command.isConfig() ? session.configure({text}, timeoutMs) : session.run(text, timeoutMs);
}

Result<ExecutionOutcome> CommandExecutor::execute(const Identity &caller,
                                                  const ExecutionRequest &request)
{
    const Result<PreparedExecution> prepared = prepare(caller, request);
    if (!prepared)
        return prepared.error();
    return run(caller, prepared.value(), [&](const QString &platform) {
        return credentialsFor(caller, request.credentialToken, platform);
    });
}

Result<ResolvedCredentials> CommandExecutor::credentialsFor(const Identity &caller,
                                                            const QString &token,
                                                            const QString &platform)
{
    return m_services.credentials.resolve(caller, token, platform);
}

Result<PreparedExecution> CommandExecutor::prepare(const Identity &caller,
                                                   const ExecutionRequest &request)
{
    if (request.timeoutSeconds < MinTimeoutSeconds || request.timeoutSeconds > MaxTimeoutSeconds) {
        return Error::invalidField(QStringLiteral("timeout"),
                                   QStringLiteral("Between %1 and %2 seconds.")
                                       .arg(MinTimeoutSeconds)
                                       .arg(MaxTimeoutSeconds));
    }
    Result<std::pair<Command, Device>> found = target(request.commandId, request.deviceId);
    if (!found)
        return found.error();
    const auto &[command, device] = found.value();
    const PlatformProfile *profile = PlatformCatalog::find(device.platform);
    if (device.platform.isEmpty() || !profile) {
        return Error::invalidField(
            QStringLiteral("device_id"),
            QStringLiteral("%1 has %2: set the device's platform to one of %3 (PATCH "
                           "/api/devices/%4/ with {\"platform\": \"cisco_ios\"}, or in the GUI).")
                .arg(device.hostname,
                     device.platform.isEmpty()
                         ? QStringLiteral("no platform")
                         : QStringLiteral("the unknown platform \"%1\"").arg(device.platform),
                     PlatformCatalog::names().join(QLatin1String(", ")))
                .arg(device.id));
    }
    if (!command.platforms.contains(profile->name)) {
        return Error::invalidField(
            QStringLiteral("device_id"),
            QStringLiteral("Command \"%1\" is not available for platform \"%2\" of %3.")
                .arg(command.name, device.platform, device.hostname));
    }
    // Checked again here for commands catalogued before the rule existed.
    const QString notReadOnly =
        command.isConfig() ? QString() : profile->whyNotReadOnly(command.skeleton());
    if (!notReadOnly.isEmpty()) {
        return Error::invalidField(
            QStringLiteral("command_id"),
            QStringLiteral("Command \"%1\" is catalogued as show but does not only read: %2 An "
                           "administrator can catalogue it as config.")
                .arg(command.name, notReadOnly));
    }
    if (device.ipAddress.isEmpty()) {
        return Error::invalidField(
            QStringLiteral("device_id"),
            QStringLiteral("%1 has no ip_address to connect to.").arg(device.hostname));
    }
    const Result<QHash<QString, QString>> values =
        checkVariables(command, device, request.variables);
    if (!values)
        return values.error();
    const Action action = command.isConfig() ? Action::ExecuteConfig : Action::ExecuteShow;
    const Result<void> allowed = m_services.permissions.require(
        caller, QString::fromLatin1(CommandService::ObjectType), command.id, action);
    if (!allowed) {
        return Error{ErrorCode::Forbidden,
                     QStringLiteral("You do not have permission to run %1 commands.")
                         .arg(command.commandType),
                     QJsonObject{{QStringLiteral("required_permission"), actionName(action)},
                                 {QStringLiteral("command_type"), command.commandType}}};
    }
    return PreparedExecution{command, device, profile,
                             command.render(values.value(), profile->useExec),
                             request.timeoutSeconds * 1000};
}

Result<ExecutionOutcome> CommandExecutor::run(const Identity &caller,
                                              const PreparedExecution &prepared,
                                              const CredentialSource &credentialSource)
{
    const Command &command = prepared.command;
    const Device &device = prepared.device;
    const PlatformProfile &profile = *prepared.profile;
    const Result<void> rate = reserveRate(caller, device);
    if (!rate)
        return rate.error();
    // Held until the log is written (or the execution ends before reaching the device).
    const auto release = qScopeGuard([this, id = device.id] { releaseRate(id); });
    const Result<ResolvedCredentials> credentials = credentialSource(profile.name);
    if (!credentials)
        return credentials.error();

    ExecutionOutcome outcome{command, device, {}, {}, profile.vendor};
    CommandLog &log = outcome.log;
    log.commandId = command.id;
    log.commandName = command.name;
    log.deviceId = device.id;
    log.deviceName = device.hostname;
    log.userId = caller.user.id;
    log.username = caller.user.username;
    log.deviceUsername = credentials->set.username;
    log.commandText = prepared.text;
    log.executionTime = QDateTime::currentMSecsSinceEpoch();

    const int timeoutMs = prepared.timeoutMs;
    const SshEndpoint endpoint = credentials->loginTo(device, timeoutMs, m_maxOutputBytes);
    QElapsedTimer clock;
    clock.start();
    Result<QString> output = talk(endpoint, profile, command, log.commandText, timeoutMs);
    log.executionDuration = double(clock.nsecsElapsed()) / 1e9;
    if (output) {
        log.output = output.value();
        outcome.deviceError = profile.detectError(log.output);
        log.success = !outcome.deviceError;
        if (outcome.deviceError)
            log.errorMessage =
                QStringLiteral("The device reported: %1").arg(outcome.deviceError->type);
        log.parsedOutput =
            outcome.deviceError
                ? OutputParser::notParsed(
                      QStringLiteral("The device reported an error; its output is not parsed."))
                : m_parser.parse(profile.name, device.hostname, log.commandText, log.output);
    } else {
        log.errorMessage = output.error().message;
        log.parsedOutput = OutputParser::notParsed(
            QStringLiteral("The command did not run; there is no output to parse."));
    }
    log.createdAt = QDateTime::currentMSecsSinceEpoch();
    const Result<qint64> logId = m_logs.insert(log);
    if (!logId)
        return logId.error();
    log.id = logId.value();
    return outcome;
}

} // namespace Cairn
