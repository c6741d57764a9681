#include "ZtpNodeRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT id, node_id, serial_number, system_mac, model, version, device_id, pattern, "
    "definition, status, actions_total, actions_fetched, last_address, last_error, "
    "registered_at, updated_at FROM ztp_nodes");

ZtpNodeRecord recordFrom(const QSqlQuery &query)
{
    ZtpNodeRecord record;
    record.id = query.value(0).toLongLong();
    record.nodeId = query.value(1).toString();
    record.serialNumber = query.value(2).toString();
    record.systemMac = query.value(3).toString();
    record.model = query.value(4).toString();
    record.version = query.value(5).toString();
    record.deviceId = SqlQuery::optionalId(query.value(6));
    record.pattern = query.value(7).toString();
    record.definition = query.value(8).toString();
    record.status = query.value(9).toString();
    record.actionsTotal = query.value(10).toInt();
    record.actionsFetched = query.value(11).toInt();
    record.lastAddress = query.value(12).toString();
    record.lastError = query.value(13).toString();
    record.registeredAt = query.value(14).toLongLong();
    record.updatedAt = query.value(15).toLongLong();
    return record;
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Result<QList<ZtpNodeRecord>> recordsOf(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    QList<ZtpNodeRecord> records;
    while (query->next())
        records << recordFrom(query.value());
    return records;
}

} // namespace

Result<QList<ZtpNodeRecord>> ZtpNodeRepository::list()
{
    return recordsOf(
        SqlQuery::run(m_database.connection(), Columns + QStringLiteral(" ORDER BY node_id")));
}

Result<ZtpNodeRecord> ZtpNodeRepository::byNodeId(const QString &nodeId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(), Columns + QStringLiteral(" WHERE node_id = ?"), {nodeId});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No ZTP node %1.").arg(nodeId));
    return recordFrom(query.value());
}

Result<QList<ZtpNodeRecord>> ZtpNodeRepository::inventoryPending()
{
    return recordsOf(
        SqlQuery::run(m_database.connection(),
                      Columns + QStringLiteral(" WHERE inventory_pending ORDER BY node_id")));
}

Result<void> ZtpNodeRepository::upsert(const ZtpNodeRecord &record, bool deviceToFollow)
{
    const qint64 at = now();
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral(
            "INSERT INTO ztp_nodes (node_id, serial_number, system_mac, model, version, "
            "pattern, definition, status, last_address, last_error, registered_at, updated_at, "
            "inventory_pending) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET "
            "serial_number = excluded.serial_number, system_mac = excluded.system_mac, "
            "model = excluded.model, version = excluded.version, "
            // A switch registering again keeps the pattern it matched until it matches another.
            "pattern = COALESCE(NULLIF(excluded.pattern, ''), ztp_nodes.pattern), "
            "definition = COALESCE(NULLIF(excluded.definition, ''), ztp_nodes.definition), "
            "status = excluded.status, last_address = excluded.last_address, actions_total = 0, "
            "actions_fetched = 0, last_error = excluded.last_error, "
            "updated_at = excluded.updated_at, "
            // A write queued before and not yet done is still to come.
            "inventory_pending = excluded.inventory_pending OR ztp_nodes.inventory_pending"),
        {record.nodeId, record.serialNumber, record.systemMac, record.model, record.version,
         record.pattern, record.definition, record.status, record.lastAddress, record.lastError, at,
         at, deviceToFollow});
}

Result<void> ZtpNodeRepository::definitionSent(const QString &nodeId, int actionsTotal,
                                               const QString &address)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE ztp_nodes SET status = 'definition_sent', actions_total = ?, "
                       "actions_fetched = 0, last_address = ?, updated_at = ? WHERE node_id = ?"),
        {actionsTotal, address, now(), nodeId});
}

Result<void> ZtpNodeRepository::actionFetched(const QString &address)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE ztp_nodes SET actions_fetched = actions_fetched + 1, updated_at = "
                       "? WHERE last_address = ? AND status = 'definition_sent' AND "
                       "actions_fetched < actions_total"),
        {now(), address});
}

Result<void> ZtpNodeRepository::setDevice(const QString &nodeId, qint64 deviceId)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE ztp_nodes SET device_id = ?, inventory_pending = FALSE "
                       "WHERE node_id = ?"),
        {deviceId, nodeId});
}

Result<bool> ZtpNodeRepository::isNodeDevice(qint64 deviceId)
{
    const Result<QVariant> found = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT 1 FROM ztp_nodes WHERE device_id = ? LIMIT 1"), {deviceId});
    if (!found)
        return found.error();
    return found->isValid();
}

Result<void> ZtpNodeRepository::setStatus(const QString &nodeId, const QString &status,
                                          const QString &error)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE ztp_nodes SET status = ?, last_error = ?, "
                                         "updated_at = ? WHERE node_id = ?"),
                          {status, error, now(), nodeId});
}

} // namespace Cairn
