#pragma once

#include "CommandLogRepository.h"
#include "CredentialSetService.h"
#include "VariableValues.h"
#include "auth/Identity.h"
#include "inventory/Device.h"
#include "toolkit/Command.h"
#include "transport/KnownHosts.h"
#include "transport/PlatformProfile.h"
#include "transport/SshEndpoint.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <functional>

namespace Cairn {

class CommandService;
class CredentialSetService;
class DeviceService;
class GroupService;
class InterfaceService;
class KnownHosts;
class OutputParser;
class PermissionService;
class SessionPool;

// How often one device may be sent commands (successful executions, all users together).
struct RateLimit
{
    int windowMinutes = 5;
    int perDevice = 10;
    QStringList bypassUsers;
    QStringList bypassGroups;
};

struct ExecutionRequest
{
    qint64 commandId = 0;
    qint64 deviceId = 0;
    QString credentialToken;
    QJsonObject variables;
    int timeoutSeconds = 30;
};

// An execution checked up to the rate limit (request, variables, permission), ready to run:
// what bulk-execute reuses for the repeated executions of one device.
struct PreparedExecution
{
    Command command;
    Device device;
    const PlatformProfile *profile = nullptr;
    QString text;
    int timeoutMs = 0;
};

// Where an execution's login comes from, given the device's platform: the credential set of its
// token, looked up once per execution or once per device in a bulk run.
using CredentialSource = std::function<Result<ResolvedCredentials>(const QString &platform)>;

// What an execution gave: always logged once it reached the device.
struct ExecutionOutcome
{
    Command command;
    Device device;
    CommandLog log;
    std::optional<DeviceErrorPattern> deviceError;
    QString vendor;
};

// Runs approved commands on devices over SSH: checks in the order the toolkit API promises
// (request, variables against the inventory, permission, rate limit, credentials), then logs in
// (a pooled session), runs, looks for device-side errors, parses the output and writes the log.
// Blocking: call it
// from a worker thread, never a listener.
class CommandExecutor
{
public:
    struct Services
    {
        CommandService &commands;
        DeviceService &devices;
        InterfaceService &interfaces;
        CredentialSetService &credentials;
        PermissionService &permissions;
        GroupService &groups;
        KnownHosts &knownHosts;
    };

    CommandExecutor(Services services, Database &database, SessionPool &pool, OutputParser &parser,
                    RateLimit limit, HostKeyPolicy hostKeyPolicy, qsizetype maxOutputBytes);

    // Errors before the device was reached: 400 (with `variables` problems), 403, 404, 429.
    Result<ExecutionOutcome> execute(const Identity &caller, const ExecutionRequest &request);
    // execute() in two steps: the checks up to the rate limit, then the rest.
    Result<PreparedExecution> prepare(const Identity &caller, const ExecutionRequest &request);
    Result<ExecutionOutcome> run(const Identity &caller, const PreparedExecution &prepared,
                                 const CredentialSource &credentials);
    Result<ResolvedCredentials> credentialsFor(const Identity &caller, const QString &token,
                                               const QString &platform);
    // The command and the device an execution names: 404 for the command, a `device_id` error
    // for the device.
    Result<std::pair<Command, Device>> target(qint64 commandId, qint64 deviceId);
    // The variable checks alone (validate-variables).
    Result<QHash<QString, QString>> checkVariables(const Command &command, const Device &device,
                                                   const QJsonObject &given);
    Result<DeviceFacts> factsOf(const Device &device);

private:
    // Counts the device's executions still running with its recent successes, so concurrent
    // executions (bulk-execute) cannot all pass the check at once; a pass holds a place until
    // release().
    Result<void> reserveRate(const Identity &caller, const Device &device);
    // Bypass users, and members of bypass groups, are not rate limited.
    Result<bool> bypassesRate(const Identity &caller);
    void releaseRate(qint64 deviceId);
    // Over a pooled session; a new one's host key is held to KnownHosts for the endpoint's
    // device.
    Result<QString> talk(const SshEndpoint &endpoint, const PlatformProfile &profile,
                         const Command &command, const QString &text, int timeoutMs);

    Services m_services;
    CommandLogRepository m_logs;
    SessionPool &m_pool;
    OutputParser &m_parser;
    RateLimit m_limit;
    HostKeyPolicy m_hostKeyPolicy;
    qsizetype m_maxOutputBytes;
    QMutex m_runningMutex;
    QHash<qint64, int> m_running;
};

} // namespace Cairn
