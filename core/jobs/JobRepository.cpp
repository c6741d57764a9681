#include "JobRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <algorithm>

namespace Cairn {

namespace {

const QString JobFields =
    QStringLiteral("id, kind, state, progress, params, result, error, owner_id, created_at, "
                   "started_at, finished_at, node_id");
const QString JobColumns = QStringLiteral("SELECT %1 FROM jobs").arg(JobFields);

QJsonObject objectFrom(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QString textOf(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Job jobFrom(const QSqlQuery &query)
{
    Job job;
    job.id = query.value(0).toLongLong();
    job.kind = query.value(1).toString();
    job.state = jobStateFromName(query.value(2).toString());
    job.progress = query.value(3).toInt();
    job.params = objectFrom(query.value(4));
    job.result = objectFrom(query.value(5));
    job.error = query.value(6).toString();
    job.ownerId = SqlQuery::optionalId(query.value(7));
    job.createdAt = query.value(8).toLongLong();
    job.startedAt = SqlQuery::optionalId(query.value(9));
    job.finishedAt = SqlQuery::optionalId(query.value(10));
    job.nodeId = SqlQuery::optionalId(query.value(11));
    return job;
}

Result<void> enqueue(const QSqlDatabase &db, qint64 jobId, const QString &kind,
                     const QJsonObject &work)
{
    return SqlQuery::exec(
        db, QStringLiteral("INSERT INTO job_queue (job_id, kind, work) VALUES (?, ?, ?)"),
        {jobId, kind, textOf(work)});
}

} // namespace

Result<Job> JobRepository::insert(const QString &kind, const QJsonObject &params,
                                  std::optional<qint64> ownerId, std::optional<qint64> nodeId)
{
    Job job;
    job.kind = kind;
    job.params = params;
    job.ownerId = ownerId;
    job.nodeId = nodeId;
    job.createdAt = QDateTime::currentMSecsSinceEpoch();
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO jobs (kind, state, params, owner_id, created_at, node_id) "
                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
        {kind, jobStateName(JobState::Queued), textOf(params), SqlQuery::nullable(ownerId),
         job.createdAt, SqlQuery::nullable(nodeId)});
    if (!id)
        return id.error();
    job.id = id->toLongLong();
    return job;
}

Result<Job> JobRepository::insertShared(const QString &kind, const QJsonObject &params,
                                        std::optional<qint64> ownerId, const QJsonObject &work)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<Job> {
        Result<Job> job = insert(kind, params, ownerId, std::nullopt);
        if (!job)
            return job;
        const Result<void> queued = enqueue(db, job->id, kind, work);
        if (!queued)
            return queued.error();
        return job;
    });
}

Result<QList<JobRepository::Claimed>> JobRepository::claim(qint64 nodeId, const QStringList &kinds,
                                                           int limit)
{
    if (kinds.isEmpty() || limit <= 0)
        return QList<Claimed>();
    return m_database.isSqlite() ? claimOnSqlite(nodeId, kinds, limit)
                                 : claimOnPostgres(nodeId, kinds, limit);
}

Result<QList<JobRepository::Claimed>>
JobRepository::claimOnPostgres(qint64 nodeId, const QStringList &kinds, int limit)
{
    // One statement, one round trip: the oldest rows no other node is claiming (skipped, never
    // waited for) leave the queue and become this node's, or nothing happens. The rows are
    // chosen once, as an array: an IN (subquery) may be run again for each row a nested loop
    // visits, each run skipping the rows already taken, and so take far more than `limit`. A node
    // found dead claims nothing (one that is found dead as it claims has its jobs interrupted by
    // the finder's next round, and stops them itself at its next beat).
    const QSqlDatabase db = m_database.connection();
    const auto [inKinds, kindList] = SqlQuery::inTexts(db, QStringLiteral("kind"), kinds);
    Result<QSqlQuery> taken = SqlQuery::run(
        db,
        QStringLiteral("WITH taken AS (DELETE FROM job_queue WHERE job_id = ANY(ARRAY(SELECT "
                       "job_id FROM job_queue WHERE %1 AND EXISTS (SELECT 1 FROM cluster_nodes "
                       "WHERE id = ? AND state = 'up') ORDER BY job_id LIMIT ? FOR UPDATE SKIP "
                       "LOCKED)) RETURNING job_id, work) UPDATE jobs SET node_id = ? FROM taken "
                       "WHERE jobs.id = taken.job_id AND jobs.state = ? RETURNING %2, taken.work")
            .arg(inKinds, JobFields),
        {kindList, nodeId, limit, nodeId, jobStateName(JobState::Queued)});
    if (!taken)
        return taken.error();
    QList<Claimed> claimed;
    while (taken->next())
        claimed << Claimed{jobFrom(taken.value()), objectFrom(taken->value(12))};
    std::sort(claimed.begin(), claimed.end(),
              [](const Claimed &a, const Claimed &b) { return a.job.id < b.job.id; });
    return claimed;
}

Result<QList<JobRepository::Claimed>>
JobRepository::claimOnSqlite(qint64 nodeId, const QStringList &kinds, int limit)
{
    // Most looks find nothing: a read first, without the write lock a claim takes.
    const QPair<QString, QVariant> ofKinds =
        SqlQuery::inTexts(m_database.connection(), QStringLiteral("kind"), kinds);
    const Result<QVariant> waiting = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM job_queue WHERE %1 LIMIT 1) AS waiting")
            .arg(ofKinds.first),
        {ofKinds.second});
    if (!waiting)
        return waiting.error();
    if (waiting->toLongLong() == 0)
        return QList<Claimed>();
    // One writer at a time, and this transaction is it: nothing to skip.
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Claimed>> {
        const Result<QVariant> up = SqlQuery::scalar(
            db, QStringLiteral("SELECT COUNT(*) FROM cluster_nodes WHERE id = ? AND state = 'up'"),
            {nodeId});
        if (!up)
            return up.error();
        if (up->toLongLong() == 0)
            return QList<Claimed>();
        Result<QSqlQuery> queued = SqlQuery::run(
            db,
            QStringLiteral("SELECT job_id, work FROM job_queue WHERE %1 ORDER BY job_id LIMIT ?")
                .arg(ofKinds.first),
            {ofKinds.second, limit});
        if (!queued)
            return queued.error();
        QHash<qint64, QJsonObject> work;
        QList<qint64> ids;
        while (queued->next()) {
            ids << queued->value(0).toLongLong();
            work.insert(ids.constLast(), objectFrom(queued->value(1)));
        }
        if (ids.isEmpty())
            return QList<Claimed>();
        const auto [inIds, idList] = SqlQuery::inIds(db, QStringLiteral("job_id"), ids);
        const Result<void> taken = SqlQuery::exec(
            db, QStringLiteral("DELETE FROM job_queue WHERE %1").arg(inIds), {idList});
        if (!taken)
            return taken.error();
        const auto [inJobs, jobList] = SqlQuery::inIds(db, QStringLiteral("id"), ids);
        const Result<void> named = SqlQuery::exec(
            db, QStringLiteral("UPDATE jobs SET node_id = ? WHERE %1 AND state = ?").arg(inJobs),
            {nodeId, jobList, jobStateName(JobState::Queued)});
        if (!named)
            return named.error();
        const Result<QList<Job>> jobs =
            select(QStringLiteral("WHERE %1 AND node_id = ? AND state = ? ORDER BY id").arg(inJobs),
                   {jobList, nodeId, jobStateName(JobState::Queued)});
        if (!jobs)
            return jobs.error();
        QList<Claimed> claimed;
        for (const Job &job : jobs.value())
            claimed << Claimed{job, work.value(job.id)};
        return claimed;
    });
}

Result<void> JobRepository::release(const QList<Claimed> &claimed)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        for (const Claimed &one : claimed) {
            const Result<QSqlQuery> freed = SqlQuery::run(
                db, QStringLiteral("UPDATE jobs SET node_id = NULL WHERE id = ? AND state = ?"),
                {one.job.id, jobStateName(JobState::Queued)});
            if (!freed)
                return freed.error();
            if (freed->numRowsAffected() != 1)
                continue;
            const Result<void> queued = enqueue(db, one.job.id, one.job.kind, one.work);
            if (!queued)
                return queued.error();
        }
        return {};
    });
}

Result<bool> JobRepository::cancelQueued(qint64 id)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<bool> {
        const Result<QSqlQuery> taken =
            SqlQuery::run(db, QStringLiteral("DELETE FROM job_queue WHERE job_id = ?"), {id});
        if (!taken)
            return taken.error();
        if (taken->numRowsAffected() != 1)
            return false;
        return finish(id, JobState::Cancelled, {}, {});
    });
}

Result<std::optional<Job>> JobRepository::find(qint64 id)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), JobColumns + QStringLiteral(" WHERE id = ?"), {id});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Job>();
    return std::optional<Job>(jobFrom(query.value()));
}

Result<QList<Job>> JobRepository::select(const QString &rest, const QVariantList &values)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), JobColumns + QLatin1Char(' ') + rest, values);
    if (!query)
        return query.error();
    QList<Job> jobs;
    while (query->next())
        jobs << jobFrom(query.value());
    return jobs;
}

Result<QList<Job>> JobRepository::list(std::optional<qint64> ownerId, int limit, int offset)
{
    return select(QStringLiteral("WHERE (? OR owner_id = ?) ORDER BY id DESC LIMIT ? OFFSET ?"),
                  {!ownerId.has_value(), ownerId.value_or(0), limit, offset});
}

Result<qint64> JobRepository::count(std::optional<qint64> ownerId)
{
    const Result<QVariant> total =
        SqlQuery::scalar(m_database.connection(),
                         QStringLiteral("SELECT COUNT(*) FROM jobs WHERE (? OR owner_id = ?)"),
                         {!ownerId.has_value(), ownerId.value_or(0)});
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<bool> JobRepository::markRunning(qint64 id)
{
    const Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("UPDATE jobs SET state = ?, started_at = ? WHERE id = ? AND state = ?"),
        {jobStateName(JobState::Running), QDateTime::currentMSecsSinceEpoch(), id,
         jobStateName(JobState::Queued)});
    if (!query)
        return query.error();
    return query->numRowsAffected() == 1;
}

Result<void> JobRepository::setOutcome(qint64 id, const QJsonObject &result, const QString &error)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE jobs SET result = ?, error = ? WHERE id = ?"),
                          {textOf(result), error, id});
}

Result<void> JobRepository::setProgress(qint64 id, int progress)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE jobs SET progress = ? WHERE id = ?"),
                          {progress, id});
}

Result<bool> JobRepository::finish(qint64 id, JobState state, const QJsonObject &result,
                                   const QString &error)
{
    const QString completes = state == JobState::Succeeded || state == JobState::Partial
                                  ? QStringLiteral(", progress = 100")
                                  : QString();
    const Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("UPDATE jobs SET state = ?, result = ?, error = ?, finished_at = ?%1 "
                       "WHERE id = ? AND state IN (?, ?)")
            .arg(completes),
        {jobStateName(state), textOf(result), error, QDateTime::currentMSecsSinceEpoch(), id,
         jobStateName(JobState::Queued), jobStateName(JobState::Running)});
    if (!query)
        return query.error();
    return query->numRowsAffected() == 1;
}

Result<QList<Job>> JobRepository::unfinished(std::optional<qint64> nodeId)
{
    return select(
        QStringLiteral("WHERE state IN (?, ?) AND (node_id = ? OR (? AND node_id IS NULL AND "
                       "id NOT IN (SELECT job_id FROM job_queue))) ORDER BY id"),
        {jobStateName(JobState::Queued), jobStateName(JobState::Running), nodeId.value_or(0),
         !nodeId.has_value()});
}

} // namespace Cairn
