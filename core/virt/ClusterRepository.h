#pragma once

#include "Cluster.h"
#include "Result.h"

#include <QList>
#include <QVariantList>

namespace Cairn {

class Database;

// Clusters and their memberships in SQL.
class ClusterRepository
{
public:
    explicit ClusterRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Cluster>> list();
    // NotFound naming the uuid.
    Result<Cluster> byUuid(const QString &uuid);
    // Conflict (naming cluster_name) when the name is taken.
    Result<Cluster> insert(const QString &name);
    Result<void> rename(qint64 id, const QString &name);
    Result<void> remove(qint64 id);
    // Adding a member twice is not an error.
    Result<void> addMachine(qint64 clusterId, qint64 machineId);
    Result<void> addHypervisor(qint64 clusterId, qint64 hypervisorId);
    // The clusters (uuids) a machine is in.
    Result<QStringList> clustersOfMachine(qint64 machineId);
    Result<QStringList> clustersOfHypervisor(qint64 hypervisorId);

private:
    // `table` and `column` name a membership table, never caller input.
    Result<void> addMember(const char *table, const char *column, qint64 clusterId,
                           qint64 memberId);
    Result<QStringList> clustersOf(const char *table, const char *column, qint64 memberId);
    // The clusters `where` selects (bound to `values`), each with its members.
    Result<QList<Cluster>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
