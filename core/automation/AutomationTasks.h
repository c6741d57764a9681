#pragma once

#include "AutomationRuns.h"
#include "PoolRepository.h"
#include "Result.h"
#include "SaveReport.h"
#include "ServiceRepository.h"
#include "ServiceRun.h"
#include "Task.h"
#include "TaskRepository.h"
#include "TaskSchedule.h"
#include "auth/Identity.h"

#include <QJsonArray>
#include <QTimeZone>
#include <functional>

namespace Cairn {

class DeviceService;
class PermissionService;
class UserService;

// eNMS tasks: saved by name with their service, targets and schedule (TaskSchedule checks it:
// "Cannot schedule in the past."), run on schedule by the TaskScheduler as their creator, or now
// through run_task. Making, changing and deleting one need `add`, `change` and `delete` on the
// task type; running one now, `run` on its service (as run_service).
class AutomationTasks
{
public:
    static constexpr const char *ObjectType = "task";

    struct Parts
    {
        Database &database;
        DeviceService &devices;
        PermissionService &permissions;
        UserService &users;
        AutomationRuns &runs;
        // Tells the scheduler that tasks changed.
        std::function<void()> changed;
    };

    explicit AutomationTasks(Parts parts);

    Result<QJsonObject> task(const QString &name);
    Result<QJsonObject> removeTask(const Identity &caller, const QString &name);
    // `pastStart`: whether a start date already past is taken (a migrated task's) or refused.
    SaveReport saveTasks(const Identity &caller, const QJsonArray &objects,
                         TaskSchedule::PastStart pastStart = TaskSchedule::PastStart::Refused);
    Result<QJsonArray> queryTasks(const QList<QPair<QString, QString>> &equal);
    // run_task: the task's service on its targets now, as `caller`.
    Result<ServiceRun> runTask(const Identity &caller, qint64 id);
    // The scheduler's firings: each task's service as its creator, triggered by the
    // Scheduler, recorded together; each run, or why the task did not run.
    QList<Result<ServiceRun>> fire(const QList<Task> &tasks);
    // The zone task dates are read and shown in: the server's.
    static QTimeZone zone();

private:
    struct Names;
    // Services and pools by id and name, and what `tasks` show of their devices and creators.
    Result<Names> names(const QList<Task> &tasks = {});
    QJsonObject shown(const Task &task, const Names &names);
    Result<QString> saveTask(const Identity &caller, const QJsonValue &object, const Names &names,
                             TaskSchedule::PastStart pastStart);
    // What running the task as `who` asks of AutomationRuns::runServices().
    Result<AutomationRuns::Request> requestOf(const Identity &who, const Task &task);

    TaskRepository m_tasks;
    ServiceRepository m_services;
    PoolRepository m_pools;
    Parts m_parts;
};

} // namespace Cairn
