#include "ClusterRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
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

Result<QStringList> ClusterRepository::members(const QString &sql, qint64 id)
{
    Result<QSqlQuery> query = SqlQuery::run(m_database.connection(), sql, {id});
    if (!query)
        return query.error();
    QStringList uuids;
    while (query->next())
        uuids << query->value(0).toString();
    return uuids;
}

Result<QList<Cluster>> ClusterRepository::list()
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      QStringLiteral("SELECT id, uuid, name FROM virt_clusters ORDER BY name, id"));
    if (!query)
        return query.error();
    QList<Cluster> clusters;
    while (query->next()) {
        Cluster cluster{query->value(0).toLongLong(),
                        query->value(1).toString(),
                        query->value(2).toString(),
                        {},
                        {}};
        const Result<QStringList> hypervisors = members(
            QStringLiteral("SELECT h.uuid FROM virt_cluster_hypervisors c JOIN virt_hypervisors "
                           "h ON h.id = c.hypervisor_id WHERE c.cluster_id = ? ORDER BY h.uuid"),
            cluster.id);
        const Result<QStringList> machines = members(
            QStringLiteral("SELECT m.uuid FROM virt_cluster_machines c JOIN virt_machines m ON "
                           "m.id = c.machine_id WHERE c.cluster_id = ? ORDER BY m.uuid"),
            cluster.id);
        if (!hypervisors || !machines)
            return hypervisors ? machines.error() : hypervisors.error();
        cluster.hypervisors = hypervisors.value();
        cluster.machines = machines.value();
        clusters << cluster;
    }
    return clusters;
}

Result<Cluster> ClusterRepository::byUuid(const QString &uuid)
{
    const Result<QList<Cluster>> all = list();
    if (!all)
        return all.error();
    for (const Cluster &cluster : all.value()) {
        if (cluster.uuid == uuid.toLower())
            return cluster;
    }
    return Error::notFound(QStringLiteral("No cluster %1.").arg(uuid));
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

Result<void> ClusterRepository::addMachine(qint64 clusterId, qint64 machineId)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("INSERT INTO virt_cluster_machines (cluster_id, "
                                         "machine_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),
                          {clusterId, machineId});
}

Result<QStringList> ClusterRepository::clustersOfMachine(qint64 machineId)
{
    return members(QStringLiteral("SELECT c.uuid FROM virt_cluster_machines m JOIN virt_clusters "
                                  "c ON c.id = m.cluster_id WHERE m.machine_id = ? ORDER BY "
                                  "c.uuid"),
                   machineId);
}

} // namespace Cairn
