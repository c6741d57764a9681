#pragma once

#include "Result.h"

#include <QHash>
#include <QPointF>
#include <QString>

namespace Cairn {

class Database;

// Each user's own arrangement of the topology: a place per device or hypervisor node, keyed by
// TopologyNode::key(). Machines have none (they are drawn under their hypervisor).
class TopologyPositionRepository
{
public:
    explicit TopologyPositionRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QHash<QString, QPointF>> forUser(qint64 userId);
    // Upserts every place in one transaction. Keys of machines or of nodes deleted since they
    // were read are skipped: a place is never worth failing the others for.
    Result<void> save(qint64 userId, const QHash<QString, QPointF> &places);

private:
    // `column` (device_id or hypervisor_id) and `table` are ours, never caller input.
    Result<void> upsert(const QString &column, const QString &table, qint64 userId,
                        const QHash<qint64, QPointF> &places);

    Database &m_database;
};

} // namespace Cairn
