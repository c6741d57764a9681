#include "DeviceSessionSlots.h"

#include "cluster/ClusterNode.h"
#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSessionSlots, "cairn.transport.slots")

namespace Cairn {

DeviceSessionSlots::DeviceSessionSlots(Database &database,
                                       std::function<std::optional<qint64>()> currentNode)
    : m_database(database)
    , m_currentNode(std::move(currentNode))
{
}

Result<std::optional<int>> DeviceSessionSlots::claim(const QString &device, int cap)
{
    const std::optional<qint64> node = m_currentNode();
    if (!node)
        return std::optional<int>(-1);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<std::optional<int>> {
        // A node found dead or stopped holds nothing any more (its sessions died with it).
        const Result<void> freed = SqlQuery::exec(
            db,
            QStringLiteral("DELETE FROM device_session_slots WHERE device = ? AND node_id NOT IN "
                           "(SELECT id FROM cluster_nodes WHERE state = ?)"),
            {device, ClusterNode::stateName(ClusterNode::State::Up)});
        if (!freed)
            return freed.error();
        // Lowest free number first; a slot another node took in between is skipped, not an
        // error (the primary key decides).
        for (int slot = 0; slot < cap; ++slot) {
            Result<QSqlQuery> taken = SqlQuery::run(
                db,
                QStringLiteral("INSERT INTO device_session_slots (device, slot, node_id, taken_at) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                {device, slot, *node, QDateTime::currentMSecsSinceEpoch()});
            if (!taken)
                return taken.error();
            if (taken->numRowsAffected() == 1)
                return std::optional<int>(slot);
        }
        return std::optional<int>();
    });
}

void DeviceSessionSlots::release(const QString &device, int slot)
{
    if (slot < 0)
        return;
    const Result<void> released = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("DELETE FROM device_session_slots WHERE device = ? AND slot = ? AND "
                       "node_id = ?"),
        {device, slot, m_currentNode().value_or(0)});
    // Kept until this node is down, when it is free anyway: a session cap one too strict for a
    // while, never one too lax.
    if (!released)
        qCWarning(lcSessionSlots).noquote()
            << "could not give back a session slot of" << device << ":" << released.error().message;
}

} // namespace Cairn
