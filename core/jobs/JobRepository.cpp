#include "JobRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Cairn {

namespace {

const QString JobColumns = QStringLiteral(
    "SELECT id, kind, state, progress, params, result, error, owner_id, created_at, started_at, "
    "finished_at, node_id FROM jobs");

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
        QStringLiteral("WHERE state IN (?, ?) AND (node_id = ? OR (? AND node_id IS NULL)) "
                       "ORDER BY id"),
        {jobStateName(JobState::Queued), jobStateName(JobState::Running), nodeId.value_or(0),
         !nodeId.has_value()});
}

} // namespace Cairn
