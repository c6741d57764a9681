#include "ProtocolRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/SqlWhere.h"

#include <QDateTime>

namespace Cairn {

namespace {

// Natural keys of the related objects come along (the interface's device is the protocol's).
const QString Columns = QStringLiteral(
    "SELECT p.id, p.site_id, p.protocol_type_id, t.name, p.device_id, d.hostname, "
    "p.interface_id, i.name, p.circuit_id, c.name_slug, p.description, p.auth_string FROM "
    "protocols p JOIN protocol_types t ON t.id = p.protocol_type_id JOIN devices d ON d.id = "
    "p.device_id LEFT JOIN interfaces i ON i.id = p.interface_id LEFT JOIN circuits c ON c.id = "
    "p.circuit_id");

SqlWhere whereOf(const ProtocolFilter &filter, const QSqlDatabase &db)
{
    SqlWhere where(db);
    if (filter.siteId)
        where.add(QStringLiteral("p.site_id = ?"), {*filter.siteId});
    if (filter.ids)
        where.addIn(QStringLiteral("p.id"), *filter.ids);
    if (filter.deviceId)
        where.add(QStringLiteral("p.device_id = ?"), {*filter.deviceId});
    if (filter.typeId)
        where.add(QStringLiteral("p.protocol_type_id = ?"), {*filter.typeId});
    if (filter.interfaceId)
        where.add(QStringLiteral("p.interface_id = ?"), {*filter.interfaceId});
    if (filter.circuitId)
        where.add(QStringLiteral("p.circuit_id = ?"), {*filter.circuitId});
    if (filter.description)
        where.add(QStringLiteral("p.description = ?"), {*filter.description});
    for (const auto &[name, value] : filter.attributes)
        where.add(QStringLiteral("p.id IN (SELECT resource_id FROM attribute_values WHERE "
                                 "resource_name = 'Protocol' AND name = ? AND value = ?)"),
                  {name, value});
    return where;
}

} // namespace

Result<QList<Protocol>> ProtocolRepository::list(const ProtocolFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        Columns + where.text() + QStringLiteral(" ORDER BY d.hostname, p.id LIMIT ? OFFSET ?"),
        where.values() + QVariantList{filter.limit, filter.offset});
    if (!query)
        return query.error();
    QList<Protocol> protocols;
    while (query->next()) {
        Protocol protocol;
        protocol.id = query->value(0).toLongLong();
        protocol.siteId = query->value(1).toLongLong();
        protocol.typeId = query->value(2).toLongLong();
        protocol.typeName = query->value(3).toString();
        protocol.deviceId = query->value(4).toLongLong();
        protocol.deviceHostname = query->value(5).toString();
        protocol.interfaceId = SqlQuery::optionalId(query->value(6));
        if (protocol.interfaceId)
            protocol.interfaceSlug =
                protocol.deviceHostname + QLatin1Char(':') + query->value(7).toString();
        protocol.circuitId = SqlQuery::optionalId(query->value(8));
        protocol.circuitSlug = query->value(9).toString();
        protocol.description = query->value(10).toString();
        const QString sealed = query->value(11).toString();
        if (!sealed.isEmpty()) {
            const Result<QByteArray> opened = m_sealer.open(sealed);
            if (!opened)
                return opened.error();
            protocol.authString = QString::fromUtf8(opened.value());
        }
        protocols << protocol;
    }
    return protocols;
}

Result<qint64> ProtocolRepository::count(const ProtocolFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(), QStringLiteral("SELECT COUNT(*) FROM protocols p") + where.text(),
        where.values());
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<qint64> ProtocolRepository::insert(const QSqlDatabase &db, const Protocol &protocol)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<QVariant> id = SqlQuery::scalar(
        db,
        QStringLiteral("INSERT INTO protocols (site_id, protocol_type_id, device_id, "
                       "interface_id, circuit_id, description, auth_string, created_at, "
                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        columnValues(protocol) + QVariantList{now, now});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<void> ProtocolRepository::update(const QSqlDatabase &db, const Protocol &protocol)
{
    return SqlQuery::exec(
        db,
        QStringLiteral("UPDATE protocols SET site_id = ?, protocol_type_id = ?, device_id = ?, "
                       "interface_id = ?, circuit_id = ?, description = ?, auth_string = ?, "
                       "updated_at = ? WHERE id = ?"),
        columnValues(protocol) + QVariantList{QDateTime::currentMSecsSinceEpoch(), protocol.id});
}

QVariantList ProtocolRepository::columnValues(const Protocol &protocol) const
{
    return {protocol.siteId,
            protocol.typeId,
            protocol.deviceId,
            SqlQuery::nullable(protocol.interfaceId),
            SqlQuery::nullable(protocol.circuitId),
            protocol.description,
            protocol.authString.isEmpty() ? QString()
                                          : m_sealer.seal(protocol.authString.toUtf8())};
}

Result<void> ProtocolRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM protocols WHERE id = ?"), {id});
}

} // namespace Cairn
