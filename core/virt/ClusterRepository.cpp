#include "ClusterRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QHash>
#include <QUuid>

namespace Cairn {

namespace {

Error nameTaken(const QString &name)
{
    return Error{ErrorCode::Conflict, QStringLiteral("A cluster named %1 exists.").arg(name),
                 QJsonObject{{QStringLiteral("cluster_name"),
                              QStringLiteral("A cluster with this name exists.")}}};
}

} // namespace

Result<QList<Cluster>> ClusterRepository::select(const QString &where, const QVariantList &values)
{
    const QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> rows = SqlQuery::run(
        db,
        QStringLiteral("SELECT id, uuid, name FROM virt_clusters %1 ORDER BY name, id").arg(where),
        values);
    if (!rows)
        return rows.error();
    QList<Cluster> clusters;
    QHash<qint64, qsizetype> positions;
    while (rows->next()) {
        positions.insert(rows->value(0).toLongLong(), clusters.size());
        clusters << Cluster{rows->value(0).toLongLong(),
                            rows->value(1).toString(),
                            rows->value(2).toString(),
                            {},
                            {}};
    }
    // The members of all those clusters: one query per kind, not one per cluster.
    const QString ofClusters =
        QStringLiteral("c.cluster_id IN (SELECT id FROM virt_clusters %1)").arg(where);
    const QList<std::pair<QString, QStringList Cluster::*>> kinds = {
        {QStringLiteral("SELECT c.cluster_id, h.uuid FROM virt_cluster_hypervisors c JOIN "
                        "virt_hypervisors h ON h.id = c.hypervisor_id WHERE %1 ORDER BY h.uuid"),
         &Cluster::hypervisors},
        {QStringLiteral("SELECT c.cluster_id, m.uuid FROM virt_cluster_machines c JOIN "
                        "virt_machines m ON m.id = c.machine_id WHERE %1 ORDER BY m.uuid"),
         &Cluster::machines},
    };
    for (const auto &[sql, members] : kinds) {
        Result<QSqlQuery> query = SqlQuery::run(db, sql.arg(ofClusters), values);
        if (!query)
            return query.error();
        while (query->next()) {
            const qsizetype at = positions.value(query->value(0).toLongLong(), -1);
            if (at >= 0)
                (clusters[at].*members) << query->value(1).toString();
        }
    }
    return clusters;
}

Result<QList<Cluster>> ClusterRepository::list()
{
    return select(QString(), {});
}

Result<Cluster> ClusterRepository::byUuid(const QString &uuid)
{
    const Result<QList<Cluster>> found = select(QStringLiteral("WHERE uuid = ?"), {uuid.toLower()});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("No cluster %1.").arg(uuid));
    return found->first();
}

Result<Cluster> ClusterRepository::insert(const QString &name)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Result<void> inserted = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_clusters (uuid, name, created_at) VALUES (?, ?, ?)"),
        {uuid, name, QDateTime::currentMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error().code == ErrorCode::Conflict ? nameTaken(name) : inserted.error();
    return byUuid(uuid);
}

Result<void> ClusterRepository::rename(qint64 id, const QString &name)
{
    Result<void> renamed = SqlQuery::exec(
        m_database.connection(), QStringLiteral("UPDATE virt_clusters SET name = ? WHERE id = ?"),
        {name, id});
    if (!renamed && renamed.error().code == ErrorCode::Conflict)
        return nameTaken(name);
    return renamed;
}

Result<void> ClusterRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM virt_clusters WHERE id = ?"), {id});
}

Result<void> ClusterRepository::addMember(const char *table, const char *column, qint64 clusterId,
                                          qint64 memberId)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("INSERT INTO %1 (cluster_id, %2) VALUES (?, ?) ON "
                                         "CONFLICT DO NOTHING")
                              .arg(QLatin1String(table), QLatin1String(column)),
                          {clusterId, memberId});
}

Result<QStringList> ClusterRepository::clustersOf(const char *table, const char *column,
                                                  qint64 memberId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT c.uuid FROM %1 m JOIN virt_clusters c ON c.id = m.cluster_id "
                       "WHERE m.%2 = ? ORDER BY c.uuid")
            .arg(QLatin1String(table), QLatin1String(column)),
        {memberId});
    if (!query)
        return query.error();
    QStringList uuids;
    while (query->next())
        uuids << query->value(0).toString();
    return uuids;
}

Result<void> ClusterRepository::addMachine(qint64 clusterId, qint64 machineId)
{
    return addMember("virt_cluster_machines", "machine_id", clusterId, machineId);
}

Result<void> ClusterRepository::addHypervisor(qint64 clusterId, qint64 hypervisorId)
{
    return addMember("virt_cluster_hypervisors", "hypervisor_id", clusterId, hypervisorId);
}

Result<QStringList> ClusterRepository::clustersOfMachine(qint64 machineId)
{
    return clustersOf("virt_cluster_machines", "machine_id", machineId);
}

Result<QStringList> ClusterRepository::clustersOfHypervisor(qint64 hypervisorId)
{
    return clustersOf("virt_cluster_hypervisors", "hypervisor_id", hypervisorId);
}

} // namespace Cairn
