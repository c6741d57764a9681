#include "ClusterNodeRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "jobs/Job.h"

#include <QSet>

namespace Cairn {

namespace {

const QString NodeColumns = QStringLiteral(
    "SELECT id, name, cluster_id, address, version, host, pid, state, started_at, heartbeat_at, "
    "stopped_at FROM cluster_nodes");

ClusterNode nodeFrom(const QSqlQuery &query)
{
    ClusterNode node;
    node.id = query.value(0).toLongLong();
    node.name = query.value(1).toString();
    node.clusterId = query.value(2).toInt();
    node.address = query.value(3).toString();
    node.version = query.value(4).toString();
    node.host = query.value(5).toString();
    node.pid = query.value(6).toLongLong();
    node.state = ClusterNode::stateFromName(query.value(7).toString());
    node.startedAt = query.value(8).toLongLong();
    node.heartbeatAt = query.value(9).toLongLong();
    node.stoppedAt = SqlQuery::optionalId(query.value(10));
    return node;
}

const QString Up = ClusterNode::stateName(ClusterNode::State::Up);

} // namespace

QString ClusterNodeRepository::now() const
{
    return m_database.isSqlite()
               ? QStringLiteral("CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)")
               : QStringLiteral("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");
}

Result<qint64> ClusterNodeRepository::databaseTime()
{
    const Result<QVariant> time =
        SqlQuery::scalar(m_database.connection(), QStringLiteral("SELECT ") + now(), {});
    if (!time)
        return time.error();
    return time->toLongLong();
}

Result<ClusterNode> ClusterNodeRepository::insert(const ClusterNode &node)
{
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO cluster_nodes (name, cluster_id, address, version, host, pid, "
                       "state, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, %1, %1) "
                       "RETURNING id")
            .arg(now()),
        {node.name, node.clusterId, node.address, node.version, node.host, node.pid, Up});
    if (!id)
        return id.error();
    const Result<QList<ClusterNode>> stored =
        select(QStringLiteral("WHERE id = ?"), {id->toLongLong()});
    if (!stored)
        return stored.error();
    if (stored->isEmpty())
        return Error::internal(QStringLiteral("The node just registered is gone."));
    return stored->constFirst();
}

Result<QList<ClusterNode>> ClusterNodeRepository::select(const QString &rest,
                                                         const QVariantList &values)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), NodeColumns + QLatin1Char(' ') + rest, values);
    if (!query)
        return query.error();
    QList<ClusterNode> nodes;
    while (query->next())
        nodes << nodeFrom(query.value());
    return nodes;
}

Result<QList<ClusterNode>> ClusterNodeRepository::upNamed(const QString &name)
{
    return select(QStringLiteral("WHERE name = ? AND state = ? ORDER BY id DESC"), {name, Up});
}

Result<QList<ClusterNode>> ClusterNodeRepository::silentFor(qint64 ms)
{
    return select(
        QStringLiteral("WHERE state = ? AND heartbeat_at < %1 - ? ORDER BY id").arg(now()),
        {Up, ms});
}

Result<bool> ClusterNodeRepository::beat(qint64 id)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("UPDATE cluster_nodes SET heartbeat_at = %1 WHERE id = ? AND state = ?")
            .arg(now()),
        {id, Up});
    if (!query)
        return query.error();
    return query->numRowsAffected() == 1;
}

Result<bool> ClusterNodeRepository::markDown(qint64 id, ClusterNode::State state,
                                             std::optional<qint64> silentMs)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("UPDATE cluster_nodes SET state = ?, stopped_at = %1 WHERE id = ? AND "
                       "state = ? AND (? OR heartbeat_at < %1 - ?)")
            .arg(now()),
        {ClusterNode::stateName(state), id, Up, !silentMs.has_value(), silentMs.value_or(0)});
    if (!query)
        return query.error();
    return query->numRowsAffected() == 1;
}

Result<QList<ClusterNode>> ClusterNodeRepository::recent(qint64 ms)
{
    const Result<QList<ClusterNode>> rows =
        select(QStringLiteral("WHERE state = ? OR stopped_at >= %1 - ? ORDER BY (state = ?) DESC, "
                              "name, id DESC")
                   .arg(now()),
               {Up, ms, Up});
    if (!rows)
        return rows.error();
    QList<ClusterNode> nodes;
    QSet<QString> named;
    for (const ClusterNode &node : rows.value()) {
        // A name that is up, or already shown by its newest stop, is not shown again.
        if (node.state != ClusterNode::State::Up && named.contains(node.name))
            continue;
        named.insert(node.name);
        nodes << node;
    }
    return nodes;
}

Result<void> ClusterNodeRepository::setAddress(qint64 id, const QString &address)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE cluster_nodes SET address = ? WHERE id = ?"),
                          {address, id});
}

Result<QList<ClusterNode>> ClusterNodeRepository::downWithUnfinishedJobs()
{
    return select(QStringLiteral("WHERE state <> ? AND id IN (SELECT node_id FROM jobs WHERE "
                                 "state IN (?, ?)) ORDER BY id"),
                  {Up, jobStateName(JobState::Queued), jobStateName(JobState::Running)});
}

Result<void> ClusterNodeRepository::forgetDownFor(qint64 ms)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("DELETE FROM cluster_nodes WHERE state <> ? AND stopped_at < %1 - ?")
            .arg(now()),
        {Up, ms});
}

} // namespace Cairn
