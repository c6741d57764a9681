#pragma once

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace Cairn {

// Running, then how it ended: Completed (whatever its devices gave), Aborted (stopped on
// request) or Interrupted (the server stopped under it).
enum class RunStatus
{
    Running,
    Completed,
    Aborted,
    Interrupted,
};

QString runStatusName(RunStatus status);
RunStatus runStatusFromName(const QString &name);

// One run of a service (a run_service call or a task firing), named by its runtime as eNMS
// names runs. `report` is the answer of a synchronous run_service, set once the run has ended.
struct ServiceRun
{
    qint64 id = 0;
    QString runtime;
    std::optional<qint64> serviceId;
    QString serviceName;
    RunStatus status = RunStatus::Running;
    std::optional<bool> success;
    // REST, GUI or Scheduler.
    QString trigger;
    std::optional<qint64> creatorId;
    QString creator;
    std::optional<qint64> jobId;
    QStringList targets;
    QJsonObject payload;
    // {total, done, passed, failed}
    QJsonObject progress;
    QJsonObject report;
    qint64 startedAt = 0;
    std::optional<qint64> endedAt;

    QJsonObject toJson() const;
    // "YYYY-MM-DD HH:MM:SS.ffffff" (UTC) for a time in microseconds since the epoch.
    static QString runtimeOf(qint64 microseconds);
};

} // namespace Cairn
