#pragma once

#include "Result.h"
#include "RunOrder.h"
#include "ServiceRepository.h"
#include "ServiceRun.h"
#include "auth/Identity.h"
#include "inventory/Device.h"

#include <QJsonObject>

namespace Cairn {

class AutomationCredentials;
class AutomationPools;
class DeviceService;
class PermissionService;
class ServiceRunner;

// Starting service runs as eNMS's run_service does, and finding them again. Running one needs
// `run` on the service and `run` on the site of each device it targets.
class AutomationRuns
{
public:
    // What a run_service body may hold besides what lands in payload["rest_data"].
    static const QStringList RunFields;
    static constexpr int MaxNames = 1000;
    // How many of the latest results a search of type `result` reads.
    static constexpr int MaxResults = 100000;

    AutomationRuns(Database &database, ServiceRunner &runner, AutomationPools &pools,
                   AutomationCredentials &credentials, DeviceService &devices,
                   PermissionService &permissions)
        : m_services(database)
        , m_runner(runner)
        , m_pools(pools)
        , m_credentials(credentials)
        , m_devices(devices)
        , m_permissions(permissions)
    {
    }

    // `{name, devices, pools, ip_addresses, payload, ignore_invalid_targets, ...}`: targets by
    // name (the service's own when `devices` is absent, as in eNMS), the other keys in
    // payload["rest_data"]. Targets that name nothing are a 400 whose fields hold `errors` (each
    // named), unless ignore_invalid_targets.
    Result<ServiceRun> runService(const Identity &caller, const QJsonObject &body,
                                  const QString &trigger);
    // One run of a service already found (a task's, by its id): `body` as runService()'s,
    // without the service's name.
    struct Request
    {
        Identity caller;
        Service service;
        QJsonObject body;
    };
    // Each request checked as runService() checks it, and those that pass recorded together
    // in one write, then started: a scheduler's burst of firings. Each run, or why not.
    QList<Result<ServiceRun>> runServices(const QList<Request> &requests, const QString &trigger);
    // The run of `serviceName` named `runtime`; a 404 when there is none. Its outputs may hold
    // what devices keep private: only its creator and those who may run the service see it.
    Result<ServiceRun> run(const Identity &caller, const QString &serviceName,
                           const QString &runtime);

    // A run's order as it is when its job starts (read back by RunWork, on whichever node
    // claimed it), checked again as when it was asked for: the caller may still run the
    // service, its steps and on its devices; the workflow's steps, their own targets and the
    // credential sets chosen by pool priority as they are now.
    Result<void> recheck(const Identity &caller, RunOrder &order);

    // The latest results as eNMS's search shows them (`type: result`: runtime, parent_runtime,
    // service_name, device_name, success, result...), those the caller may read as run().
    Result<QJsonArray> results(const Identity &caller);

private:
    struct Targets;
    // What a run of the request would do, checked (rights, targets, steps, credentials).
    Result<RunOrder> orderFor(const Request &request, const QString &trigger);
    Result<Targets> targetsOf(const Service &service, const QJsonObject &body);
    // The caller may run the service, and it is enabled.
    Result<void> mayRun(const Identity &caller, const Service &service);
    // The rest of the checks and what the order needs besides its service, devices and
    // payload: rights on the devices' sites, the workflow's steps, credential sets.
    Result<void> prepare(const Identity &caller, RunOrder &order);
    // Every site of the devices allows the caller to run services on them.
    Result<void> mayRunOn(const Identity &caller, const QList<Device> &devices);
    // A workflow's steps, nested ones included, into `order` (each enabled, each one the caller
    // may run), and the own targets of the steps of workflows that run on them.
    Result<void> loadSteps(const Identity &caller, RunOrder &order);
    // The credential set of each device, by pool priority, for the steps that name none.
    Result<void> chooseCredentials(const Identity &caller, RunOrder &order);

    ServiceRepository m_services;
    ServiceRunner &m_runner;
    AutomationPools &m_pools;
    AutomationCredentials &m_credentials;
    DeviceService &m_devices;
    PermissionService &m_permissions;
};

} // namespace Cairn
