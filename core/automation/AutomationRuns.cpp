#include "AutomationRuns.h"

#include "AutomationCredentials.h"
#include "AutomationPools.h"
#include "AutomationServices.h"
#include "DeviceNames.h"
#include "RunDuration.h"
#include "ServiceRunner.h"
#include "ServiceTypes.h"
#include "auth/PermissionService.h"
#include "inventory/DeviceService.h"
#include "inventory/SiteService.h"

#include <QJsonArray>
#include <QSet>

namespace Cairn {

const QStringList AutomationRuns::RunFields{QStringLiteral("name"),
                                            QStringLiteral("devices"),
                                            QStringLiteral("pools"),
                                            QStringLiteral("ip_addresses"),
                                            QStringLiteral("payload"),
                                            QStringLiteral("async"),
                                            QStringLiteral("ignore_invalid_targets")};

struct AutomationRuns::Targets
{
    QList<Device> devices;
    QStringList problems;
};

namespace {

// A list of names under `field` (absent: none); a 400 names the field when it is anything else.
Result<QStringList> namesIn(const QJsonObject &body, const QString &field)
{
    const QJsonValue value = body.value(field);
    QStringList names;
    if (value.isUndefined() || value.isNull())
        return names;
    if (!value.isArray() || value.toArray().size() > AutomationRuns::MaxNames)
        return Error::invalidField(
            field, QStringLiteral("A list of at most %1 names.").arg(AutomationRuns::MaxNames));
    for (const QJsonValue name : value.toArray()) {
        if (!name.isString())
            return Error::invalidField(field, QStringLiteral("A list of names."));
        // eNMS's own example sends [""] for "no addresses".
        if (!name.toString().isEmpty())
            names << name.toString();
    }
    return names;
}

} // namespace

Result<AutomationRuns::Targets> AutomationRuns::targetsOf(const Service &service,
                                                          const QJsonObject &body)
{
    Targets targets;
    QList<qint64> ids;
    const Result<QStringList> devices = namesIn(body, QStringLiteral("devices"));
    const Result<QStringList> pools = namesIn(body, QStringLiteral("pools"));
    const Result<QStringList> addresses = namesIn(body, QStringLiteral("ip_addresses"));
    for (const auto *names : {&devices, &pools, &addresses}) {
        if (!*names)
            return names->error();
    }
    // As the seed says: without `devices` (its default, [], included when nothing else is
    // named), the service's own targets, whatever else is given.
    const bool own = !body.contains(QLatin1String("devices")) ||
                     (devices->isEmpty() && pools->isEmpty() && addresses->isEmpty());
    if (own) {
        ids = service.deviceIds;
        const Result<QList<qint64>> members =
            m_pools.memberDevices({}, service.poolIds, targets.problems);
        if (!members)
            return members.error();
        ids << members.value();
    } else {
        const Result<QList<Device>> named =
            DeviceNames::resolve(m_devices, devices.value(), targets.problems);
        if (!named)
            return named.error();
        for (const Device &device : named.value())
            ids << device.id;
        const Result<QList<qint64>> members =
            m_pools.memberDevices(pools.value(), {}, targets.problems);
        if (!members)
            return members.error();
        ids << members.value();
        for (const QString &address : addresses.value()) {
            DeviceFilter filter;
            filter.ipAddress = address;
            const Result<QList<Device>> found = m_devices.list(filter);
            if (!found)
                return found.error();
            if (found->isEmpty())
                targets.problems << QStringLiteral("No device has the address %1.").arg(address);
            for (const Device &device : found.value())
                ids << device.id;
        }
    }
    const QSet<qint64> unique(ids.cbegin(), ids.cend());
    if (unique.isEmpty())
        return targets;
    DeviceFilter filter;
    filter.ids = QList<qint64>(unique.cbegin(), unique.cend());
    filter.limit = int(unique.size());
    Result<QList<Device>> chosen = m_devices.list(filter);
    if (!chosen)
        return chosen.error();
    targets.devices = std::move(chosen).value();
    return targets;
}

Result<void> AutomationRuns::mayRunOn(const Identity &caller, const QList<Device> &devices)
{
    QSet<qint64> sites;
    for (const Device &device : devices) {
        if (sites.contains(device.siteId))
            continue;
        sites.insert(device.siteId);
        const Result<bool> allowed = m_permissions.isAllowed(
            caller, QString::fromLatin1(SiteService::ObjectType), device.siteId, Action::Run);
        if (!allowed)
            return allowed.error();
        if (!allowed.value()) {
            return Error::forbidden(
                QStringLiteral("You may not run services on some of these devices."));
        }
    }
    return {};
}

Result<ServiceRun> AutomationRuns::runService(const Identity &caller, const QJsonObject &body,
                                              const QString &trigger)
{
    const QJsonValue name = body.value(QLatin1String("name"));
    if (!name.isString() || name.toString().isEmpty())
        return Error::invalidField(QStringLiteral("name"),
                                   QStringLiteral("The name of the service to run."));
    const Result<std::optional<Service>> found = m_services.byName(name.toString());
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("service %1 not found.").arg(name.toString()));
    return runServices({{caller, found->value(), body}}, trigger).constFirst();
}

QList<Result<ServiceRun>> AutomationRuns::runServices(const QList<Request> &requests,
                                                      const QString &trigger)
{
    QList<Result<ServiceRun>> outcomes;
    QList<ServiceRunner::Start> starts;
    QList<qsizetype> startedAt;
    for (const Request &request : requests) {
        Result<RunOrder> order = orderFor(request, trigger);
        if (!order) {
            outcomes << order.error();
            continue;
        }
        startedAt << outcomes.size();
        outcomes << Error::internal(QStringLiteral("Not started."));
        starts << ServiceRunner::Start{request.caller, std::move(order).value()};
    }
    const QList<Result<ServiceRun>> started = m_runner.start(std::move(starts));
    for (qsizetype i = 0; i < started.size(); ++i)
        outcomes[startedAt.at(i)] = started.at(i);
    return outcomes;
}

Result<RunOrder> AutomationRuns::orderFor(const Request &request, const QString &trigger)
{
    const Identity &caller = request.caller;
    const Service &service = request.service;
    const QJsonObject &body = request.body;
    const Result<void> allowed = mayRun(caller, service);
    if (!allowed)
        return allowed.error();
    const QJsonValue payload = body.value(QLatin1String("payload"));
    if (!payload.isUndefined() && !payload.isNull() && !payload.isObject())
        return Error::invalidField(QStringLiteral("payload"), QStringLiteral("A JSON object."));
    const Result<Targets> targets = targetsOf(service, body);
    if (!targets)
        return targets.error();
    if (!targets->problems.isEmpty() &&
        !body.value(QLatin1String("ignore_invalid_targets")).toBool()) {
        return Error{
            ErrorCode::BadRequest, targets->problems.first(),
            QJsonObject{{QStringLiteral("errors"), QJsonArray::fromStringList(targets->problems)}}};
    }
    // A service run once, or a workflow whose steps run on their own targets, needs none.
    const QString method = service.settings.value(QLatin1String("run_method")).toString();
    const bool once = method == u"once" || method == u"per_service_with_service_targets";
    if (targets->devices.isEmpty() && !once) {
        const QString problem =
            QStringLiteral(
                "No devices to run %1 on: give devices, pools or ip_addresses, or target its own.")
                .arg(service.name);
        return Error{ErrorCode::BadRequest, problem,
                     QJsonObject{{QStringLiteral("errors"), QJsonArray{problem}}}};
    }
    RunOrder order{service,
                   targets->devices,
                   service.settings.value(QLatin1String("initial_payload")).toObject(),
                   trigger,
                   targets->problems,
                   {},
                   {},
                   {},
                   {}};
    const QJsonObject given = payload.toObject();
    for (auto value = given.begin(); value != given.end(); ++value)
        order.payload.insert(value.key(), value.value());
    QJsonObject restData;
    for (auto value = body.begin(); value != body.end(); ++value) {
        if (!RunFields.contains(value.key()))
            restData.insert(value.key(), value.value());
    }
    order.payload.insert(QStringLiteral("rest_data"), restData);
    const Result<void> prepared = prepare(caller, order);
    if (!prepared)
        return prepared.error();
    return order;
}

Result<void> AutomationRuns::mayRun(const Identity &caller, const Service &service)
{
    Result<void> allowed = m_permissions.require(
        caller, QString::fromLatin1(AutomationServices::ObjectType), service.id, Action::Run);
    if (!allowed)
        return allowed;
    if (service.disabled)
        return Error::badRequest(QStringLiteral("Service %1 is disabled.").arg(service.name));
    return {};
}

Result<void> AutomationRuns::prepare(const Identity &caller, RunOrder &order)
{
    Result<void> onDevices = mayRunOn(caller, order.devices);
    if (!onDevices)
        return onDevices;
    order.steps.clear();
    order.stepTargets.clear();
    order.stepProblems.clear();
    if (order.service.type == u"workflow") {
        Result<void> loaded = loadSteps(caller, order);
        if (!loaded)
            return loaded;
    }
    return chooseCredentials(caller, order);
}

Result<void> AutomationRuns::recheck(const Identity &caller, RunOrder &order)
{
    Result<void> allowed = mayRun(caller, order.service);
    if (!allowed)
        return allowed;
    return prepare(caller, order);
}

Result<void> AutomationRuns::chooseCredentials(const Identity &caller, RunOrder &order)
{
    // Only services that log in to devices and name no set of their own need one chosen.
    const auto choosing = [](const Service &service) {
        return ServiceTypes::logsIn(service.type) &&
               service.settings.value(QLatin1String("credentials")).toString().isEmpty();
    };
    if (!choosing(order.service) &&
        std::none_of(order.steps.cbegin(), order.steps.cend(), choosing))
        return {};
    QList<Device> devices = order.devices;
    for (const QList<Device> &targets : std::as_const(order.stepTargets))
        devices << targets;
    Result<QHash<qint64, QString>> chosen = m_credentials.chosenFor(caller, devices);
    if (!chosen)
        return chosen.error();
    order.credentials = std::move(chosen).value();
    return {};
}

Result<void> AutomationRuns::loadSteps(const Identity &caller, RunOrder &order)
{
    const Result<QList<Service>> all = m_services.list();
    if (!all)
        return all.error();
    QHash<qint64, Service> byId;
    for (const Service &service : all.value())
        byId.insert(service.id, service);
    QList<const Service *> workflows{&order.service};
    QList<qint64> pending = order.service.graph.stepIds;
    while (!pending.isEmpty()) {
        const qint64 id = pending.takeFirst();
        if (order.steps.contains(id))
            continue;
        const auto step = byId.constFind(id);
        if (step == byId.cend())
            return Error::conflict(QStringLiteral("A step of %1 is gone.").arg(order.service.name));
        if (step->disabled)
            return Error::badRequest(
                QStringLiteral("Step %1 of %2 is disabled.").arg(step->name, order.service.name));
        Result<void> allowed = m_permissions.require(
            caller, QString::fromLatin1(AutomationServices::ObjectType), step->id, Action::Run);
        if (!allowed)
            return allowed;
        order.steps.insert(id, step.value());
        if (step->graph.stepIds.contains(order.service.id))
            return Error::conflict(QStringLiteral("%1 contains %2: a workflow cannot contain "
                                                  "itself.")
                                       .arg(step->name, order.service.name));
        if (step->type == u"workflow") {
            workflows << &step.value();
            pending << step->graph.stepIds;
        }
    }
    for (const Service *workflow : std::as_const(workflows)) {
        if (workflow->settings.value(QLatin1String("run_method")).toString() !=
            u"per_service_with_service_targets")
            continue;
        for (const qint64 id : workflow->graph.stepIds) {
            if (order.stepTargets.contains(id))
                continue;
            const Result<Targets> targets = targetsOf(order.steps.value(id), {});
            if (!targets)
                return targets.error();
            Result<void> onDevices = mayRunOn(caller, targets->devices);
            if (!onDevices)
                return onDevices;
            order.stepProblems << targets->problems;
            order.stepTargets.insert(id, targets->devices);
        }
    }
    return {};
}

Result<ServiceRun> AutomationRuns::run(const Identity &caller, const QString &serviceName,
                                       const QString &runtime)
{
    const Result<std::optional<ServiceRun>> found = m_runner.runs().find(serviceName, runtime);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(
            QStringLiteral("result %1 of %2 not found.").arg(runtime, serviceName));
    const ServiceRun &run = found->value();
    if (run.creatorId == caller.user.id)
        return run;
    const Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(AutomationServices::ObjectType),
                              run.serviceId.value_or(0), Action::Run);
    if (!allowed)
        return allowed.error();
    // Another's outputs only from devices the caller could run the service on themselves.
    const Result<QList<ServiceResult>> results = m_runner.runs().resultsOf(run.id);
    if (!results)
        return results.error();
    QList<qint64> ids;
    for (const ServiceResult &result : results.value()) {
        if (result.deviceId)
            ids << *result.deviceId;
    }
    if (!ids.isEmpty()) {
        DeviceFilter filter;
        filter.ids = ids;
        filter.limit = int(ids.size());
        const Result<QList<Device>> devices = m_devices.list(filter);
        if (!devices)
            return devices.error();
        const Result<void> onDevices = mayRunOn(caller, devices.value());
        if (!onDevices)
            return onDevices.error();
    }
    return run;
}

Result<QJsonArray> AutomationRuns::results(const Identity &caller)
{
    const Result<QList<ServiceResult>> results = m_runner.runs().latestResults(MaxResults);
    if (!results)
        return results.error();
    const Result<QHash<qint64, ServiceRun>> runs = m_runner.runs().runsOf(results.value());
    if (!runs)
        return runs.error();
    QList<qint64> deviceIds;
    for (const ServiceResult &result : results.value()) {
        if (result.deviceId)
            deviceIds << *result.deviceId;
    }
    QHash<qint64, qint64> siteOfDevice;
    if (!deviceIds.isEmpty()) {
        DeviceFilter filter;
        filter.ids = deviceIds;
        filter.limit = int(deviceIds.size());
        const Result<QList<Device>> devices = m_devices.list(filter);
        if (!devices)
            return devices.error();
        for (const Device &device : devices.value())
            siteOfDevice.insert(device.id, device.siteId);
    }
    // Asked once per service and per site, however many results share them.
    QHash<QPair<QString, qint64>, bool> allowed;
    const auto may = [&](const char *type, qint64 id) -> Result<bool> {
        const QPair<QString, qint64> key{QString::fromLatin1(type), id};
        const auto known = allowed.constFind(key);
        if (known != allowed.cend())
            return known.value();
        Result<bool> answer = m_permissions.isAllowed(caller, key.first, id, Action::Run);
        if (answer)
            allowed.insert(key, answer.value());
        return answer;
    };
    QJsonArray shown;
    for (const ServiceResult &result : results.value()) {
        const ServiceRun run = runs->value(result.runId);
        bool visible = run.creatorId == caller.user.id;
        if (!visible) {
            const Result<bool> service =
                may(AutomationServices::ObjectType, run.serviceId.value_or(0));
            if (!service)
                return service.error();
            const bool onDevice = result.deviceId.has_value();
            const Result<bool> site =
                onDevice ? may(SiteService::ObjectType, siteOfDevice.value(*result.deviceId, -1))
                         : Result<bool>(true);
            if (!site)
                return site.error();
            visible = service.value() && site.value() &&
                      (!onDevice || siteOfDevice.contains(*result.deviceId));
        }
        if (!visible)
            continue;
        shown.append(QJsonObject{{QStringLiteral("id"), result.id},
                                 {QStringLiteral("runtime"), run.runtime},
                                 {QStringLiteral("parent_runtime"), run.runtime},
                                 {QStringLiteral("service_name"), result.serviceName},
                                 {QStringLiteral("device_name"), result.deviceName},
                                 {QStringLiteral("workflow_name"), result.workflowName},
                                 {QStringLiteral("status"), runStatusName(run.status)},
                                 {QStringLiteral("success"), result.success},
                                 {QStringLiteral("result"), result.result},
                                 {QStringLiteral("duration"), RunDuration::text(result.durationMs)},
                                 {QStringLiteral("creator"), run.creator}});
    }
    return shown;
}

} // namespace Cairn
