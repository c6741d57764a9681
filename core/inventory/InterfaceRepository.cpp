#include "InterfaceRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/SqlWhere.h"
#include "net/IpNetwork.h"

#include <QDateTime>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT i.id, i.site_id, i.device_id, d.hostname, i.parent_id, p.name, i.name, "
    "i.description, i.type, i.mac_address, i.speed FROM interfaces i JOIN devices d ON d.id = "
    "i.device_id LEFT JOIN interfaces p ON p.id = i.parent_id");

Interface interfaceFrom(const QSqlQuery &query)
{
    Interface interface;
    interface.id = query.value(0).toLongLong();
    interface.siteId = query.value(1).toLongLong();
    interface.deviceId = query.value(2).toLongLong();
    interface.deviceHostname = query.value(3).toString();
    interface.parentId = SqlQuery::optionalId(query.value(4));
    interface.parentName = query.value(5).toString();
    interface.name = query.value(6).toString();
    interface.description = query.value(7).toString();
    interface.type = query.value(8).toInt();
    interface.macAddress = SqlQuery::optionalId(query.value(9));
    interface.speed =
        query.value(10).isNull() ? std::nullopt : std::optional<int>(query.value(10).toInt());
    return interface;
}

SqlWhere whereOf(const InterfaceFilter &filter, const QSqlDatabase &db)
{
    SqlWhere where(db);
    if (filter.siteId)
        where.add(QStringLiteral("i.site_id = ?"), {*filter.siteId});
    if (filter.ids)
        where.addIn(QStringLiteral("i.id"), *filter.ids);
    if (filter.deviceId)
        where.add(QStringLiteral("i.device_id = ?"), {*filter.deviceId});
    if (!filter.deviceHostname.isEmpty())
        where.add(QStringLiteral("d.hostname = ?"), {filter.deviceHostname});
    if (!filter.name.isEmpty())
        where.add(QStringLiteral("i.name = ?"), {filter.name});
    if (filter.speed)
        where.add(QStringLiteral("i.speed = ?"), {*filter.speed});
    if (filter.type)
        where.add(QStringLiteral("i.type = ?"), {*filter.type});
    if (filter.macAddress)
        where.add(QStringLiteral("i.mac_address = ?"), {*filter.macAddress});
    if (filter.description)
        where.add(QStringLiteral("i.description = ?"), {*filter.description});
    if (filter.parentId) {
        if (*filter.parentId)
            where.add(QStringLiteral("i.parent_id = ?"), {**filter.parentId});
        else
            where.add(QStringLiteral("i.parent_id IS NULL"));
    }
    if (filter.excludeId)
        where.add(QStringLiteral("i.id <> ?"), {*filter.excludeId});
    // UNION, not UNION ALL: should parents ever form a ring, the walk ends where it began.
    if (filter.ancestorsOf)
        where.add(QStringLiteral(
                      "i.id IN (WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM "
                      "interfaces WHERE id = ? UNION SELECT x.id, x.parent_id FROM "
                      "interfaces x JOIN up ON x.id = up.parent_id) SELECT id FROM up WHERE "
                      "id <> ?)"),
                  {*filter.ancestorsOf, *filter.ancestorsOf});
    if (filter.descendantsOf)
        where.add(QStringLiteral("i.id IN (WITH RECURSIVE down(id) AS (SELECT id FROM interfaces "
                                 "WHERE parent_id = ? UNION SELECT x.id FROM interfaces x "
                                 "JOIN down ON x.parent_id = down.id) SELECT id FROM down)"),
                  {*filter.descendantsOf});
    if (filter.addressId)
        where.add(QStringLiteral("i.id IN (SELECT interface_id FROM interface_addresses WHERE "
                                 "network_id = ?)"),
                  {*filter.addressId});
    for (const auto &[name, value] : filter.attributes)
        where.add(QStringLiteral("i.id IN (SELECT resource_id FROM attribute_values WHERE "
                                 "resource_name = 'Interface' AND name = ? AND value = ?)"),
                  {name, value});
    return where;
}

QString cidrOf(const QSqlQuery &query, int versionColumn)
{
    return IpNetwork::fromKey(query.value(versionColumn).toInt(),
                              query.value(versionColumn + 1).toByteArray(),
                              query.value(versionColumn + 2).toInt())
        .cidr();
}

QVariantList columnValues(const Interface &interface)
{
    return {interface.siteId,
            interface.deviceId,
            SqlQuery::nullable(interface.parentId),
            interface.name,
            interface.description,
            interface.type,
            SqlQuery::nullable(interface.macAddress),
            interface.speed ? QVariant(*interface.speed) : QVariant(QMetaType::fromType<int>())};
}

} // namespace

Result<QList<Interface>> InterfaceRepository::list(const InterfaceFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      Columns + where.text() + QStringLiteral(" ORDER BY i.id LIMIT ? OFFSET ?"),
                      where.values() + QVariantList{filter.limit, filter.offset});
    if (!query)
        return query.error();
    QList<Interface> interfaces;
    while (query->next())
        interfaces << interfaceFrom(query.value());
    return interfaces;
}

Result<qint64> InterfaceRepository::count(const InterfaceFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM interfaces i JOIN devices d ON d.id = i.device_id") +
            where.text(),
        where.values());
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<QHash<qint64, QPair<QStringList, QStringList>>>
InterfaceRepository::addresses(const QList<qint64> &ids)
{
    QHash<qint64, QPair<QStringList, QStringList>> byInterface;
    SqlWhere where(m_database.connection());
    where.addIn(QStringLiteral("a.interface_id"), ids);
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT a.interface_id, n.ip_version, n.network_address, n.prefix_length, "
                       "p.ip_version, p.network_address, p.prefix_length FROM interface_addresses "
                       "a JOIN networks n ON n.id = a.network_id LEFT JOIN networks p ON p.id = "
                       "n.parent_id") +
            where.text() + QStringLiteral(" ORDER BY a.interface_id, n.network_address"),
        where.values());
    if (!query)
        return query.error();
    while (query->next()) {
        auto &[addresses, networks] = byInterface[query->value(0).toLongLong()];
        addresses << cidrOf(query.value(), 1);
        if (!query->value(4).isNull() && !networks.contains(cidrOf(query.value(), 4)))
            networks << cidrOf(query.value(), 4);
    }
    return byInterface;
}

Result<QList<Assignment>> InterfaceRepository::assignments(const QList<qint64> &interfaceIds,
                                                           std::optional<qint64> networkId)
{
    SqlWhere where(m_database.connection());
    if (networkId)
        where.add(QStringLiteral("a.network_id = ?"), {*networkId});
    else
        where.addIn(QStringLiteral("a.interface_id"), interfaceIds);
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT a.id, a.device_id, d.hostname, a.interface_id, i.name, "
                       "n.ip_version, n.network_address, n.prefix_length FROM "
                       "interface_addresses a JOIN interfaces i ON i.id = a.interface_id JOIN "
                       "devices d ON d.id = a.device_id JOIN networks n ON n.id = a.network_id") +
            where.text() + QStringLiteral(" ORDER BY a.id"),
        where.values());
    if (!query)
        return query.error();
    QList<Assignment> found;
    while (query->next())
        found << Assignment{query->value(0).toLongLong(), query->value(1).toLongLong(),
                            query->value(2).toString(),   query->value(3).toLongLong(),
                            query->value(4).toString(),   cidrOf(query.value(), 5)};
    return found;
}

Result<QList<qint64>> InterfaceRepository::addressIds(const QSqlDatabase &db, qint64 interfaceId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        db, QStringLiteral("SELECT network_id FROM interface_addresses WHERE interface_id = ?"),
        {interfaceId});
    if (!query)
        return query.error();
    QList<qint64> ids;
    while (query->next())
        ids << query->value(0).toLongLong();
    return ids;
}

Result<qint64> InterfaceRepository::insert(const QSqlDatabase &db, const Interface &interface)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<QVariant> id = SqlQuery::scalar(
        db,
        QStringLiteral("INSERT INTO interfaces (site_id, device_id, parent_id, name, "
                       "description, type, mac_address, speed, created_at, updated_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        columnValues(interface) + QVariantList{now, now});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<void> InterfaceRepository::update(const QSqlDatabase &db, const Interface &interface)
{
    return SqlQuery::exec(
        db,
        QStringLiteral("UPDATE interfaces SET site_id = ?, device_id = ?, parent_id = ?, name = "
                       "?, description = ?, type = ?, mac_address = ?, speed = ?, updated_at = "
                       "? WHERE id = ?"),
        columnValues(interface) + QVariantList{QDateTime::currentMSecsSinceEpoch(), interface.id});
}

Result<void> InterfaceRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM interfaces WHERE id = ?"), {id});
}

Result<void> InterfaceRepository::assign(const QSqlDatabase &db, const Interface &interface,
                                         qint64 networkId)
{
    return SqlQuery::exec(db,
                          QStringLiteral("INSERT INTO interface_addresses (interface_id, "
                                         "network_id, device_id) VALUES (?, ?, ?)"),
                          {interface.id, networkId, interface.deviceId});
}

Result<void> InterfaceRepository::unassign(const QSqlDatabase &db, qint64 interfaceId,
                                           qint64 networkId)
{
    return SqlQuery::exec(
        db,
        QStringLiteral("DELETE FROM interface_addresses WHERE interface_id = ? AND network_id = ?"),
        {interfaceId, networkId});
}

} // namespace Cairn
