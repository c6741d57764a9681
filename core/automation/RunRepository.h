#pragma once

#include "Result.h"
#include "ServiceResult.h"
#include "ServiceRun.h"

#include <QHash>
#include <QList>
#include <optional>

namespace Cairn {

class Database;

// The service_runs and service_results tables.
class RunRepository
{
public:
    explicit RunRepository(Database &database)
        : m_database(database)
    {
    }

    // Inserts the run as started now, named by the microsecond (the next free one when two runs
    // start in the same); sets its id, runtime and start.
    Result<void> insert(ServiceRun &run);
    Result<void> setJob(qint64 runId, qint64 jobId);
    Result<void> setProgress(qint64 runId, const QJsonObject &progress);
    // Ends a run that is still running; false when it had ended already.
    Result<bool> finish(qint64 runId, RunStatus status, bool success, const QJsonObject &report);
    Result<void> addResult(ServiceResult &result);
    Result<std::optional<ServiceRun>> find(qint64 id);
    Result<std::optional<ServiceRun>> find(const QString &serviceName, const QString &runtime);
    // Runs still marked running whose job has ended, or that never got one: what a process that
    // stopped, or died, between the two left behind.
    Result<QList<ServiceRun>> orphaned();
    // The `limit` latest runs (of `creatorId` alone when given), oldest first, without their
    // payloads and reports (a listing; a report may hold every device's output).
    Result<QList<ServiceRun>> latest(int limit, std::optional<qint64> creatorId);
    Result<QList<ServiceResult>> resultsOf(qint64 runId);
    // The `limit` latest results of every run, oldest first, and the runs they belong to.
    Result<QList<ServiceResult>> latestResults(int limit);
    Result<QHash<qint64, ServiceRun>> runsOf(const QList<ServiceResult> &results);

private:
    Result<QList<ServiceRun>> select(const QString &where, const QVariantList &values,
                                     bool withReport = true);
    Result<QList<ServiceResult>> selectResults(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
