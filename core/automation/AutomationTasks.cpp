#include "AutomationTasks.h"

#include "AutomationRuns.h"
#include "DeviceNames.h"
#include "EnmsValues.h"
#include "TaskSchedule.h"
#include "auth/PermissionService.h"
#include "auth/UserService.h"
#include "inventory/DeviceService.h"

#include <QDateTime>
#include <QSet>

namespace Cairn {

struct AutomationTasks::Names
{
    QHash<qint64, QString> services;
    QHash<QString, qint64> serviceIds;
    QHash<qint64, QString> pools;
    QHash<QString, qint64> poolIds;
    // Of the tasks shown: their devices' hostnames and their creators' usernames.
    QHash<qint64, QString> devices;
    QHash<qint64, QString> creators;
};

namespace {

const QStringList &scheduleFields()
{
    static const QStringList fields{
        QStringLiteral("scheduling_mode"), QStringLiteral("start_date"),
        QStringLiteral("end_date"),        QStringLiteral("frequency"),
        QStringLiteral("frequency_unit"),  QStringLiteral("crontab_expression")};
    return fields;
}

const QStringList &ownFields()
{
    static const QStringList fields{
        QStringLiteral("name"),        QStringLiteral("new_name"),
        QStringLiteral("description"), QStringLiteral("service"),
        QStringLiteral("devices"),     QStringLiteral("pools"),
        QStringLiteral("is_active"),   QStringLiteral("initial_payload")};
    return fields;
}

QJsonValue shownTime(std::optional<qint64> milliseconds)
{
    if (!milliseconds)
        return QJsonValue();
    return QDateTime::fromMSecsSinceEpoch(*milliseconds, AutomationTasks::zone())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

AutomationTasks::AutomationTasks(Parts parts)
    : m_tasks(parts.database)
    , m_services(parts.database)
    , m_pools(parts.database)
    , m_parts(std::move(parts))
{
}

QTimeZone AutomationTasks::zone()
{
    return QTimeZone::systemTimeZone();
}

Result<AutomationTasks::Names> AutomationTasks::names(const QList<Task> &tasks)
{
    const Result<QList<Service>> services = m_services.list();
    const Result<QList<Pool>> pools = m_pools.list();
    if (!services || !pools)
        return services ? pools.error() : services.error();
    Names names;
    for (const Service &service : services.value()) {
        names.services.insert(service.id, service.name);
        names.serviceIds.insert(service.name, service.id);
    }
    for (const Pool &pool : pools.value()) {
        names.pools.insert(pool.id, pool.name);
        names.poolIds.insert(pool.name, pool.id);
    }
    // One query for every task's devices; creators are few and each looked up once.
    QSet<qint64> deviceIds;
    for (const Task &task : tasks) {
        deviceIds.unite(QSet<qint64>(task.deviceIds.cbegin(), task.deviceIds.cend()));
        if (task.creatorId && !names.creators.contains(*task.creatorId)) {
            const Result<User> creator = m_parts.users.userById(*task.creatorId);
            names.creators.insert(*task.creatorId, creator ? creator->username : QString());
        }
    }
    if (!deviceIds.isEmpty()) {
        DeviceFilter filter;
        filter.ids = QList<qint64>(deviceIds.cbegin(), deviceIds.cend());
        filter.limit = int(deviceIds.size());
        const Result<QList<Device>> found = m_parts.devices.list(filter);
        if (!found)
            return found.error();
        for (const Device &device : found.value())
            names.devices.insert(device.id, device.hostname);
    }
    return names;
}

QJsonObject AutomationTasks::shown(const Task &task, const Names &names)
{
    QJsonObject json = task.schedule;
    json.insert(QStringLiteral("id"), task.id);
    json.insert(QStringLiteral("name"), task.name);
    json.insert(QStringLiteral("description"), task.description);
    json.insert(QStringLiteral("service"), names.services.value(task.serviceId));
    json.insert(QStringLiteral("is_active"), task.isActive);
    json.insert(QStringLiteral("initial_payload"), task.initialPayload);
    json.insert(QStringLiteral("next_run_time"), shownTime(task.nextRunTime));
    json.insert(QStringLiteral("last_run_time"), shownTime(task.lastRunTime));
    json.insert(QStringLiteral("last_runtime"), task.lastRuntime);
    json.insert(QStringLiteral("creator"), names.creators.value(task.creatorId.value_or(0)));
    QJsonArray pools;
    for (const qint64 id : task.poolIds)
        pools.append(names.pools.value(id));
    json.insert(QStringLiteral("pools"), pools);
    QJsonArray devices;
    for (const qint64 id : task.deviceIds) {
        if (names.devices.contains(id))
            devices.append(names.devices.value(id));
    }
    json.insert(QStringLiteral("devices"), devices);
    for (const QString &field : scheduleFields()) {
        if (!json.contains(field))
            json.insert(field, QJsonValue());
    }
    return json;
}

Result<QJsonObject> AutomationTasks::task(const QString &name)
{
    const Result<std::optional<Task>> found = m_tasks.byName(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("task %1 not found.").arg(name));
    const Result<Names> all = names({found->value()});
    if (!all)
        return all.error();
    return shown(found->value(), all.value());
}

Result<QJsonObject> AutomationTasks::removeTask(const Identity &caller, const QString &name)
{
    const Result<void> allowed = m_parts.permissions.require(
        caller, QString::fromLatin1(ObjectType), std::nullopt, Action::Delete);
    if (!allowed)
        return allowed.error();
    Result<QJsonObject> shownTask = task(name);
    if (!shownTask)
        return shownTask;
    const Result<void> removed = m_tasks.remove(shownTask->value(QLatin1String("id")).toInteger());
    if (!removed)
        return removed.error();
    m_parts.changed();
    return shownTask;
}

Result<QJsonArray> AutomationTasks::queryTasks(const QList<QPair<QString, QString>> &equal)
{
    const Result<QList<Task>> tasks = m_tasks.list();
    if (!tasks)
        return tasks.error();
    const Result<Names> all = names(tasks.value());
    if (!all)
        return all.error();
    QList<QJsonObject> objects;
    QSet<QString> known(ownFields().cbegin(), ownFields().cend());
    known.unite(QSet<QString>(scheduleFields().cbegin(), scheduleFields().cend()));
    for (const Task &task : tasks.value())
        objects << shown(task, all.value());
    for (const QJsonObject &object : std::as_const(objects)) {
        for (const QString &key : object.keys())
            known.insert(key);
    }
    return EnmsValues::matching(objects, known, equal);
}

SaveReport AutomationTasks::saveTasks(const Identity &caller, const QJsonArray &objects,
                                      TaskSchedule::PastStart pastStart)
{
    const Result<Names> all = names();
    SaveReport report = EnmsValues::saveEach(objects, [&](const QJsonValue &object) {
        return all ? saveTask(caller, object, all.value(), pastStart)
                   : Result<QString>(all.error());
    });
    if (!report.success.isEmpty())
        m_parts.changed();
    return report;
}

Result<QString> AutomationTasks::saveTask(const Identity &caller, const QJsonValue &value,
                                          const Names &names, TaskSchedule::PastStart pastStart)
{
    const Result<EnmsValues::Named> toSave = EnmsValues::namedObject(value);
    if (!toSave)
        return toSave.error();
    const QJsonObject &object = toSave->object;
    const QString &name = toSave->name;
    const Result<std::optional<Task>> existing = EnmsValues::existingToSave(
        m_parts.permissions, caller, ObjectType, [&] { return m_tasks.byName(name); });
    if (!existing)
        return existing.error();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!ownFields().contains(it.key()) && !scheduleFields().contains(it.key()))
            return Error::invalidField(it.key(), QStringLiteral("A task has no such property."));
    }
    Task task = existing->value_or(Task{});
    if (!existing->has_value())
        task.name = name;
    // It runs as whoever set it up last: changing another's task must not borrow their rights.
    task.creatorId = caller.user.id;
    const Result<void> texts =
        EnmsValues::stringsIn(object, {"new_name", "description", "service"});
    if (!texts)
        return texts.error();
    if (object.contains(QLatin1String("new_name")))
        task.name = object.value(QLatin1String("new_name")).toString().trimmed();
    if (task.name.isEmpty())
        return Error::invalidField(QStringLiteral("new_name"), QStringLiteral("A name is needed."));
    if (object.contains(QLatin1String("description")))
        task.description = object.value(QLatin1String("description")).toString();
    if (object.contains(QLatin1String("service"))) {
        const QString service = object.value(QLatin1String("service")).toString();
        if (!names.serviceIds.contains(service))
            return Error::invalidField(QStringLiteral("service"),
                                       QStringLiteral("No service named %1.").arg(service));
        task.serviceId = names.serviceIds.value(service);
    }
    if (task.serviceId == 0)
        return Error::invalidField(QStringLiteral("service"),
                                   QStringLiteral("The name of the service to run."));
    const QJsonValue active = object.value(QLatin1String("is_active"));
    if (!active.isUndefined() && !active.isBool())
        return Error::invalidField(QStringLiteral("is_active"), QStringLiteral("true or false."));
    task.isActive = active.toBool(task.isActive);
    const QJsonValue payload = object.value(QLatin1String("initial_payload"));
    if (!payload.isUndefined() && !payload.isObject())
        return Error::invalidField(QStringLiteral("initial_payload"),
                                   QStringLiteral("A JSON object."));
    if (payload.isObject())
        task.initialPayload = payload.toObject();
    if (object.contains(QLatin1String("devices"))) {
        const QJsonValue devices = object.value(QLatin1String("devices"));
        QStringList given;
        for (const QJsonValue device : devices.toArray())
            given << device.toString();
        if (!devices.isArray() || given.size() > AutomationRuns::MaxNames)
            return Error::invalidField(
                QStringLiteral("devices"),
                QStringLiteral("A list of at most %1 device names.").arg(AutomationRuns::MaxNames));
        QStringList problems;
        const Result<QList<Device>> found = DeviceNames::resolve(m_parts.devices, given, problems);
        if (!found)
            return found.error();
        if (!problems.isEmpty())
            return Error::invalidField(QStringLiteral("devices"), problems.first());
        task.deviceIds.clear();
        for (const Device &device : found.value())
            task.deviceIds << device.id;
    }
    if (object.contains(QLatin1String("pools"))) {
        task.poolIds.clear();
        for (const QJsonValue pool : object.value(QLatin1String("pools")).toArray()) {
            if (!names.poolIds.contains(pool.toString()))
                return Error::invalidField(
                    QStringLiteral("pools"),
                    QStringLiteral("No pool named %1.").arg(pool.toString()));
            task.poolIds << names.poolIds.value(pool.toString());
        }
    }
    task.targetsGiven = !task.deviceIds.isEmpty() || !task.poolIds.isEmpty();
    for (const QString &field : scheduleFields()) {
        if (object.contains(field))
            task.schedule.insert(field, object.value(field));
    }
    // A start given now must be ahead; a saved task's start has long passed.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Result<TaskSchedule> schedule = TaskSchedule::fromFields(
        task.schedule, now, zone(),
        object.contains(QLatin1String("start_date")) ? pastStart : TaskSchedule::PastStart::Taken);
    if (!schedule)
        return schedule.error();
    const std::optional<QDateTime> first = task.isActive ? schedule->firstRun(now) : std::nullopt;
    task.nextRunTime =
        first ? std::optional<qint64>(first->toMSecsSinceEpoch()) : std::optional<qint64>();
    const Result<void> saved = m_tasks.save(task);
    if (!saved)
        return saved.error();
    return task.name;
}

Result<AutomationRuns::Request> AutomationTasks::requestOf(const Identity &who, const Task &task)
{
    // Found by id: a burst of firings reads one service each, not every service and pool.
    const Result<std::optional<Service>> service = m_services.byId(task.serviceId);
    if (!service)
        return service.error();
    if (!service->has_value())
        return Error::notFound(QStringLiteral("Task %1's service is gone.").arg(task.name));
    QJsonObject body{{QStringLiteral("payload"), task.initialPayload}};
    // The task's own targets when it was given any; never the service's instead once they
    // are gone.
    if (task.targetsGiven) {
        if (task.deviceIds.isEmpty() && task.poolIds.isEmpty())
            return Error::badRequest(
                QStringLiteral(
                    "Task %1's devices and pools were deleted: it has nothing to run on.")
                    .arg(task.name));
        const Result<Names> all = names({task});
        if (!all)
            return all.error();
        const QJsonObject targets = shown(task, all.value());
        body.insert(QStringLiteral("devices"), targets.value(QLatin1String("devices")));
        body.insert(QStringLiteral("pools"), targets.value(QLatin1String("pools")));
    }
    return AutomationRuns::Request{who, service->value(), body};
}

Result<ServiceRun> AutomationTasks::runTask(const Identity &caller, qint64 id)
{
    const Result<std::optional<Task>> found = m_tasks.byId(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("task %1 not found.").arg(id));
    const Task &task = found->value();
    const Result<AutomationRuns::Request> request = requestOf(caller, task);
    if (!request)
        return request.error();
    Result<ServiceRun> run =
        m_parts.runs.runServices({request.value()}, QStringLiteral("REST")).constFirst();
    if (run)
        (void)m_tasks.setLastRuntimes({{task.id, run->runtime}});
    return run;
}

QList<Result<ServiceRun>> AutomationTasks::fire(const QList<Task> &tasks)
{
    QList<Result<ServiceRun>> outcomes;
    QList<AutomationRuns::Request> requests;
    QList<qsizetype> requestedAt;
    QHash<qint64, Result<User>> creators;
    for (const Task &task : tasks) {
        if (!task.creatorId) {
            outcomes << Error::forbidden(
                QStringLiteral("Task %1 has no creator left to run it as.").arg(task.name));
            continue;
        }
        auto creator = creators.constFind(*task.creatorId);
        if (creator == creators.cend())
            creator = creators.insert(*task.creatorId, m_parts.users.userById(*task.creatorId));
        const Result<AutomationRuns::Request> request =
            *creator ? requestOf(Identity{creator->value(), false}, task)
                     : Result<AutomationRuns::Request>(creator->error());
        if (!request) {
            outcomes << request.error();
            continue;
        }
        requestedAt << outcomes.size();
        outcomes << Error::internal(QStringLiteral("Not started."));
        requests << request.value();
    }
    const QList<Result<ServiceRun>> runs =
        m_parts.runs.runServices(requests, QStringLiteral("Scheduler"));
    QHash<qint64, QString> runtimes;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const qsizetype at = requestedAt.at(i);
        outcomes[at] = runs.at(i);
        if (runs.at(i))
            runtimes.insert(tasks.at(at).id, runs.at(i)->runtime);
    }
    if (!runtimes.isEmpty())
        (void)m_tasks.setLastRuntimes(runtimes);
    return outcomes;
}

} // namespace Cairn
