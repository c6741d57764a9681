#include "RunRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>
#include <chrono>

namespace Cairn {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonDocument parsed(const QVariant &column)
{
    return QJsonDocument::fromJson(column.toString().toUtf8());
}

// Runtimes are unique to the microsecond; two runs started within one take the next free ones.
constexpr int RuntimeAttempts = 1000;

} // namespace

Result<void> RunRepository::insert(ServiceRun &run)
{
    const QSqlDatabase db = m_database.connection();
    const qint64 startMicros = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
    run.startedAt = startMicros / 1000;
    // A runtime taken already is skipped, not an error: inside a transaction a failed
    // statement would end it on PostgreSQL.
    for (int attempt = 0; attempt < RuntimeAttempts; ++attempt) {
        const QString runtime = ServiceRun::runtimeOf(startMicros + attempt);
        const Result<QVariant> id = SqlQuery::scalar(
            db,
            QStringLiteral("INSERT INTO service_runs (runtime, service_id, service_name, status, "
                           "run_trigger, creator_id, creator, targets, payload, progress, "
                           "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (runtime) DO NOTHING RETURNING id"),
            {runtime, SqlQuery::nullable(run.serviceId), run.serviceName, runStatusName(run.status),
             run.trigger, SqlQuery::nullable(run.creatorId), run.creator,
             QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(run.targets))
                                   .toJson(QJsonDocument::Compact)),
             compact(run.payload), compact(run.progress), run.startedAt});
        if (!id)
            return id.error();
        if (id->isValid()) {
            run.id = id->toLongLong();
            run.runtime = runtime;
            return {};
        }
    }
    return Error::conflict(QStringLiteral("No free runtime to name the run by."));
}

Result<void> RunRepository::setJob(qint64 runId, qint64 jobId)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE service_runs SET job_id = ? WHERE id = ?"),
                          {jobId, runId});
}

Result<void> RunRepository::setProgress(qint64 runId, const QJsonObject &progress)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE service_runs SET progress = ? WHERE id = ?"),
                          {compact(progress), runId});
}

Result<bool> RunRepository::finish(qint64 runId, RunStatus status, bool success,
                                   const QJsonObject &report)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("UPDATE service_runs SET status = ?, success = ?, result = ?, ended_at = ? "
                       "WHERE id = ? AND status = ?"),
        {runStatusName(status), success, compact(report), QDateTime::currentMSecsSinceEpoch(),
         runId, runStatusName(RunStatus::Running)});
    if (!query)
        return query.error();
    return query->numRowsAffected() > 0;
}

Result<void> RunRepository::addResult(ServiceResult &result)
{
    result.createdAt = QDateTime::currentMSecsSinceEpoch();
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO service_results (run_id, service_id, service_name, device_id, "
                       "device_name, success, result, duration_ms, created_at, workflow_name) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {result.runId, SqlQuery::nullable(result.serviceId), result.serviceName,
         SqlQuery::nullable(result.deviceId), result.deviceName, result.success,
         compact(result.result), result.durationMs, result.createdAt, result.workflowName});
    if (!id)
        return id.error();
    result.id = id->toLongLong();
    return {};
}

Result<QList<ServiceRun>> RunRepository::select(const QString &where, const QVariantList &values,
                                                bool withReport)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, runtime, service_id, service_name, status, success, "
                       "run_trigger, creator_id, creator, job_id, targets, %1, progress, %2, "
                       "started_at, ended_at FROM service_runs %3 ORDER BY id")
            .arg(withReport ? QStringLiteral("payload") : QStringLiteral("'{}'"),
                 withReport ? QStringLiteral("result") : QStringLiteral("'{}'"), where),
        values);
    if (!query)
        return query.error();
    QList<ServiceRun> runs;
    while (query->next()) {
        ServiceRun run;
        run.id = query->value(0).toLongLong();
        run.runtime = query->value(1).toString();
        run.serviceId = SqlQuery::optionalId(query->value(2));
        run.serviceName = query->value(3).toString();
        run.status = runStatusFromName(query->value(4).toString());
        if (!query->value(5).isNull())
            run.success = query->value(5).toBool();
        run.trigger = query->value(6).toString();
        run.creatorId = SqlQuery::optionalId(query->value(7));
        run.creator = query->value(8).toString();
        run.jobId = SqlQuery::optionalId(query->value(9));
        for (const QJsonValue target : parsed(query->value(10)).array())
            run.targets << target.toString();
        run.payload = parsed(query->value(11)).object();
        run.progress = parsed(query->value(12)).object();
        run.report = parsed(query->value(13)).object();
        run.startedAt = query->value(14).toLongLong();
        run.endedAt = SqlQuery::optionalId(query->value(15));
        runs << run;
    }
    return runs;
}

Result<std::optional<ServiceRun>> RunRepository::find(qint64 id)
{
    const Result<QList<ServiceRun>> found = select(QStringLiteral("WHERE id = ?"), {id});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<ServiceRun>(found->first());
}

Result<std::optional<ServiceRun>> RunRepository::find(const QString &serviceName,
                                                      const QString &runtime)
{
    const Result<QList<ServiceRun>> found =
        select(QStringLiteral("WHERE service_name = ? AND runtime = ?"), {serviceName, runtime});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<ServiceRun>(found->first());
}

Result<QList<ServiceRun>> RunRepository::orphaned()
{
    return select(
        QStringLiteral("WHERE status = ? AND (job_id IS NULL OR job_id IN (SELECT id FROM "
                       "jobs WHERE state NOT IN ('queued', 'running')))"),
        {runStatusName(RunStatus::Running)});
}

Result<QList<ServiceRun>> RunRepository::latest(int limit, std::optional<qint64> creatorId)
{
    return select(QStringLiteral("WHERE id IN (SELECT id FROM service_runs WHERE (? OR "
                                 "creator_id = ?) ORDER BY id DESC LIMIT ?)"),
                  {!creatorId.has_value(), creatorId.value_or(0), limit}, false);
}

Result<QList<ServiceResult>> RunRepository::selectResults(const QString &where,
                                                          const QVariantList &values)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      QStringLiteral("SELECT id, run_id, service_id, service_name, device_id, "
                                     "device_name, success, result, duration_ms, created_at, "
                                     "workflow_name FROM service_results %1 ORDER BY id")
                          .arg(where),
                      values);
    if (!query)
        return query.error();
    QList<ServiceResult> results;
    while (query->next()) {
        results << ServiceResult{query->value(0).toLongLong(),
                                 query->value(1).toLongLong(),
                                 SqlQuery::optionalId(query->value(2)),
                                 query->value(3).toString(),
                                 SqlQuery::optionalId(query->value(4)),
                                 query->value(5).toString(),
                                 query->value(6).toBool(),
                                 parsed(query->value(7)).object(),
                                 query->value(8).toLongLong(),
                                 query->value(9).toLongLong(),
                                 query->value(10).toString()};
    }
    return results;
}

Result<QList<ServiceResult>> RunRepository::resultsOf(qint64 runId)
{
    return selectResults(QStringLiteral("WHERE run_id = ?"), {runId});
}

Result<QList<ServiceResult>> RunRepository::latestResults(int limit)
{
    return selectResults(
        QStringLiteral("WHERE id IN (SELECT id FROM service_results ORDER BY id DESC LIMIT ?)"),
        {limit});
}

Result<QHash<qint64, ServiceRun>> RunRepository::runsOf(const QList<ServiceResult> &results)
{
    QList<qint64> ids;
    for (const ServiceResult &result : results)
        ids << result.runId;
    const auto [condition, value] =
        SqlQuery::inIds(m_database.connection(), QStringLiteral("id"), ids);
    const Result<QList<ServiceRun>> runs = select(QStringLiteral("WHERE ") + condition, {value});
    if (!runs)
        return runs.error();
    QHash<qint64, ServiceRun> byId;
    for (const ServiceRun &run : runs.value())
        byId.insert(run.id, run);
    return byId;
}

} // namespace Cairn
