#pragma once

#include "ClusterNode.h"
#include "Result.h"

#include <QList>

namespace Cairn {

class Database;

// The cluster_nodes table. Every change of a node's state is conditional on the state it was
// read in, so two nodes that find the same dead one agree on which of them cleans up after it.
// Times come from the database's clock, never a node's: nodes whose clocks disagree still agree
// on which of them is silent.
class ClusterNodeRepository
{
public:
    explicit ClusterNodeRepository(Database &database)
        : m_database(database)
    {
    }

    // Stores `node` as up, beating from its start; returns it as stored.
    Result<ClusterNode> insert(const ClusterNode &node);
    // The database's time, milliseconds since the epoch.
    Result<qint64> databaseTime();
    // The nodes up under `name`, newest first.
    Result<QList<ClusterNode>> upNamed(const QString &name);
    // Nodes still up that have not beaten for `ms` milliseconds.
    Result<QList<ClusterNode>> silentFor(qint64 ms);
    // The node's heartbeat, now; false when it is no longer up (another node found it dead).
    Result<bool> beat(qint64 id);
    // Marks an up node `state` (Stopped, Dead), now; when `silentMs` is given, only if it has
    // not beaten for that long. False when another node got there first or it beat since.
    Result<bool> markDown(qint64 id, ClusterNode::State state,
                          std::optional<qint64> silentMs = std::nullopt);
    // Every node up, and of the others the newest under each name that went down in the last
    // `ms` milliseconds: what an administrator asks about. Up ones first, by name.
    Result<QList<ClusterNode>> recent(qint64 ms);
    Result<void> setAddress(qint64 id, const QString &address);
    // Nodes no longer up that still have jobs queued or running: a node that cleaned up after
    // them stopped half-way (it died too), so whoever finds them finishes the job.
    Result<QList<ClusterNode>> downWithUnfinishedJobs();
    // Forgets nodes that went down more than `ms` milliseconds ago (their jobs stay).
    Result<void> forgetDownFor(qint64 ms);

private:
    // The database's time in milliseconds since the epoch, as SQL.
    QString now() const;
    Result<QList<ClusterNode>> select(const QString &rest, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
