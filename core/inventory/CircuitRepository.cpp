#include "CircuitRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/SqlWhere.h"

#include <QDateTime>

namespace Cairn {

namespace {

// Endpoint slugs come along: "hostname:name" of each side.
const QString Columns = QStringLiteral(
    "SELECT c.id, c.site_id, c.name, c.endpoint_a, c.endpoint_z, da.hostname, ia.name, "
    "dz.hostname, iz.name FROM circuits c JOIN interfaces ia ON ia.id = c.endpoint_a JOIN "
    "devices da ON da.id = ia.device_id LEFT JOIN interfaces iz ON iz.id = c.endpoint_z LEFT "
    "JOIN devices dz ON dz.id = iz.device_id");

Circuit circuitFrom(const QSqlQuery &query)
{
    Circuit circuit;
    circuit.id = query.value(0).toLongLong();
    circuit.siteId = query.value(1).toLongLong();
    circuit.name = query.value(2).toString();
    circuit.endpointA = query.value(3).toLongLong();
    circuit.endpointZ = SqlQuery::optionalId(query.value(4));
    circuit.endpointASlug =
        query.value(5).toString() + QLatin1Char(':') + query.value(6).toString();
    if (circuit.endpointZ)
        circuit.endpointZSlug =
            query.value(7).toString() + QLatin1Char(':') + query.value(8).toString();
    return circuit;
}

SqlWhere whereOf(const CircuitFilter &filter, const QSqlDatabase &db)
{
    SqlWhere where(db);
    if (filter.siteId)
        where.add(QStringLiteral("c.site_id = ?"), {*filter.siteId});
    if (filter.ids)
        where.addIn(QStringLiteral("c.id"), *filter.ids);
    if (!filter.name.isEmpty())
        where.add(QStringLiteral("c.name = ?"), {filter.name});
    if (!filter.nameSlug.isEmpty())
        where.add(QStringLiteral("c.name_slug = ?"), {filter.nameSlug});
    if (filter.endpointA)
        where.add(QStringLiteral("c.endpoint_a = ?"), {*filter.endpointA});
    if (filter.endpointZ)
        where.add(QStringLiteral("c.endpoint_z = ?"), {*filter.endpointZ});
    if (filter.interfaceId)
        where.add(QStringLiteral("(c.endpoint_a = ? OR c.endpoint_z = ?)"),
                  {*filter.interfaceId, *filter.interfaceId});
    if (filter.deviceId)
        where.add(QStringLiteral("(ia.device_id = ? OR iz.device_id = ?)"),
                  {*filter.deviceId, *filter.deviceId});
    for (const auto &[name, value] : filter.attributes)
        where.add(QStringLiteral("c.id IN (SELECT resource_id FROM attribute_values WHERE "
                                 "resource_name = 'Circuit' AND name = ? AND value = ?)"),
                  {name, value});
    return where;
}

QVariantList columnValues(const Circuit &circuit)
{
    return {circuit.siteId, circuit.name, circuit.nameSlug(), circuit.endpointA,
            SqlQuery::nullable(circuit.endpointZ)};
}

} // namespace

Result<QList<Circuit>> CircuitRepository::list(const CircuitFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      Columns + where.text() + QStringLiteral(" ORDER BY c.id LIMIT ? OFFSET ?"),
                      where.values() + QVariantList{filter.limit, filter.offset});
    if (!query)
        return query.error();
    QList<Circuit> circuits;
    while (query->next())
        circuits << circuitFrom(query.value());
    return circuits;
}

Result<qint64> CircuitRepository::count(const CircuitFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM circuits c JOIN interfaces ia ON ia.id = "
                       "c.endpoint_a LEFT JOIN interfaces iz ON iz.id = c.endpoint_z") +
            where.text(),
        where.values());
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<qint64> CircuitRepository::insert(const QSqlDatabase &db, const Circuit &circuit)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<QVariant> id = SqlQuery::scalar(
        db,
        QStringLiteral("INSERT INTO circuits (site_id, name, name_slug, endpoint_a, endpoint_z, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        columnValues(circuit) + QVariantList{now, now});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<void> CircuitRepository::update(const QSqlDatabase &db, const Circuit &circuit)
{
    return SqlQuery::exec(db,
                          QStringLiteral("UPDATE circuits SET site_id = ?, name = ?, name_slug = "
                                         "?, endpoint_a = ?, endpoint_z = ?, updated_at = ? "
                                         "WHERE id = ?"),
                          columnValues(circuit) +
                              QVariantList{QDateTime::currentMSecsSinceEpoch(), circuit.id});
}

Result<void> CircuitRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM circuits WHERE id = ?"), {id});
}

} // namespace Cairn
