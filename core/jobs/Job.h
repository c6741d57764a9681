#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace Cairn {

enum class JobState
{
    Queued,
    Running,
    Succeeded,
    // Finished, but some of the items it ran (executions of a bulk job) failed.
    Partial,
    Failed,
    Cancelled,
    // Was queued or running when the process stopped without finishing it.
    Interrupted,
};

QString jobStateName(JobState state);
QStringList jobStateNames();
JobState jobStateFromName(const QString &name);
bool isFinished(JobState state);

// A long operation (service run, command execution, VM transaction, import) as recorded in the
// database, so that it is observable from any thread or process and never silently lost.
struct Job
{
    qint64 id = 0;
    QString kind;
    JobState state = JobState::Queued;
    int progress = 0;
    QJsonObject params;
    QJsonObject result;
    QString error;
    std::optional<qint64> ownerId;
    // The cluster node running it (none: a process that is no node).
    std::optional<qint64> nodeId;
    qint64 createdAt = 0;
    std::optional<qint64> startedAt;
    std::optional<qint64> finishedAt;

    QJsonObject toJson() const;
};

} // namespace Cairn
