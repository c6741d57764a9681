#include "NetworkRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/SqlWhere.h"

#include <QDateTime>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT n.id, n.site_id, n.parent_id, n.ip_version, n.network_address, n.prefix_length, "
    "n.state, p.network_address, p.prefix_length, n.created_at, n.updated_at FROM networks n "
    "LEFT JOIN networks p ON p.id = n.parent_id");

Network networkFrom(const QSqlQuery &query)
{
    Network network;
    network.id = query.value(0).toLongLong();
    network.siteId = query.value(1).toLongLong();
    network.parentId = SqlQuery::optionalId(query.value(2));
    const int version = query.value(3).toInt();
    network.ip = IpNetwork::fromKey(version, query.value(4).toByteArray(), query.value(5).toInt());
    network.state = query.value(6).toString();
    if (network.parentId)
        network.parentCidr =
            IpNetwork::fromKey(version, query.value(7).toByteArray(), query.value(8).toInt())
                .cidr();
    network.createdAt = query.value(9).toLongLong();
    network.updatedAt = query.value(10).toLongLong();
    return network;
}

SqlWhere whereOf(const NetworkFilter &filter, const QSqlDatabase &db)
{
    SqlWhere where(db);
    if (filter.siteId)
        where.add(QStringLiteral("n.site_id = ?"), {*filter.siteId});
    if (filter.ids)
        where.addIn(QStringLiteral("n.id"), *filter.ids);
    if (filter.exact)
        where.add(
            QStringLiteral("n.ip_version = ? AND n.network_address = ? AND "
                           "n.prefix_length = ?"),
            {filter.exact->version(), filter.exact->networkKey(), filter.exact->prefixLength()});
    if (filter.address)
        where.add(QStringLiteral("n.ip_version = ? AND n.network_address = ?"),
                  {filter.address->version(), filter.address->networkKey()});
    if (filter.prefixLength)
        where.add(QStringLiteral("n.prefix_length = ?"), {*filter.prefixLength});
    if (filter.ipVersion)
        where.add(QStringLiteral("n.ip_version = ?"), {*filter.ipVersion});
    if (!filter.state.isEmpty())
        where.add(QStringLiteral("n.state = ?"), {filter.state});
    if (!filter.includeNetworks)
        where.add(QStringLiteral("n.is_ip = ?"), {true});
    if (!filter.includeIps)
        where.add(QStringLiteral("n.is_ip = ?"), {false});
    if (filter.rootOnly)
        where.add(QStringLiteral("n.parent_id IS NULL"));
    if (filter.within)
        where.add(QStringLiteral("n.ip_version = ? AND n.prefix_length > ? AND "
                                 "n.network_address >= ? AND n.broadcast_address <= ?"),
                  {filter.within->version(), filter.within->prefixLength(),
                   filter.within->networkKey(), filter.within->broadcastKey()});
    if (filter.containing)
        where.add(QStringLiteral("n.ip_version = ? AND n.is_ip = ? AND n.prefix_length < ? AND "
                                 "n.network_address <= ? AND n.broadcast_address >= ?"),
                  {filter.containing->version(), false, filter.containing->prefixLength(),
                   filter.containing->networkKey(), filter.containing->broadcastKey()});
    if (filter.parentId) {
        if (*filter.parentId)
            where.add(QStringLiteral("n.parent_id = ?"), {**filter.parentId});
        else
            where.add(QStringLiteral("n.parent_id IS NULL"));
    }
    if (filter.excludeId)
        where.add(QStringLiteral("n.id <> ?"), {*filter.excludeId});
    if (filter.addressesOf) {
        SqlWhere interfaces(db);
        interfaces.addIn(QStringLiteral("interface_id"), *filter.addressesOf);
        where.add(QStringLiteral("n.id IN (SELECT network_id FROM interface_addresses") +
                      interfaces.text() + QLatin1Char(')'),
                  interfaces.values());
    }
    if (filter.networksOf)
        where.add(QStringLiteral("n.id IN (SELECT a.parent_id FROM networks a JOIN "
                                 "interface_addresses x ON x.network_id = a.id WHERE "
                                 "x.interface_id = ?)"),
                  {*filter.networksOf});
    for (const auto &[name, value] : filter.attributes)
        where.add(QStringLiteral("n.id IN (SELECT resource_id FROM attribute_values WHERE "
                                 "resource_name = 'Network' AND name = ? AND value = ?)"),
                  {name, value});
    return where;
}

} // namespace

Result<QList<Network>> NetworkRepository::list(const NetworkFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    const QString order =
        !filter.byAddress ? QStringLiteral(" ORDER BY n.id")
        : filter.descending
            ? QStringLiteral(" ORDER BY n.network_address DESC, n.prefix_length DESC, n.id DESC")
            // The id last: the same network in two sites, met at a page's edge, is neither
            // read twice nor skipped.
            : QStringLiteral(" ORDER BY n.network_address, n.prefix_length, n.id");
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      Columns + where.text() + order + QStringLiteral(" LIMIT ? OFFSET ?"),
                      where.values() + QVariantList{filter.limit, filter.offset});
    if (!query)
        return query.error();
    QList<Network> networks;
    while (query->next())
        networks << networkFrom(query.value());
    return networks;
}

Result<qint64> NetworkRepository::count(const NetworkFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(), QStringLiteral("SELECT COUNT(*) FROM networks n") + where.text(),
        where.values());
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<std::optional<Network>> NetworkRepository::longestSupernet(const QSqlDatabase &db,
                                                                  std::optional<qint64> siteId,
                                                                  const IpNetwork &ip,
                                                                  int minimumPrefix)
{
    QStringList candidates;
    QVariantList values{!siteId.has_value(), siteId.value_or(0), ip.version(), false};
    for (int prefix = qMax(0, minimumPrefix); prefix < ip.prefixLength(); ++prefix) {
        candidates << QStringLiteral("(network_address = ? AND prefix_length = ?)");
        values << ip.supernet(prefix).networkKey() << prefix;
    }
    if (candidates.isEmpty())
        return std::optional<Network>();
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral("SELECT id, site_id, network_address, prefix_length FROM networks WHERE "
                       "(? OR site_id = ?) AND ip_version = ? AND is_ip = ? AND (%1) ORDER BY "
                       "prefix_length DESC LIMIT 1")
            .arg(candidates.join(QStringLiteral(" OR "))),
        values);
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Network>();
    Network parent;
    parent.id = query->value(0).toLongLong();
    parent.siteId = query->value(1).toLongLong();
    parent.ip =
        IpNetwork::fromKey(ip.version(), query->value(2).toByteArray(), query->value(3).toInt());
    return std::optional<Network>(parent);
}

Result<qint64> NetworkRepository::insert(const QSqlDatabase &db, const Network &network)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<QVariant> id = SqlQuery::scalar(
        db,
        QStringLiteral("INSERT INTO networks (site_id, parent_id, ip_version, network_address, "
                       "broadcast_address, prefix_length, is_ip, state, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {network.siteId, SqlQuery::nullable(network.parentId), network.ip.version(),
         network.ip.networkKey(), network.ip.broadcastKey(), network.ip.prefixLength(),
         network.ip.isHost(), network.state, now, now});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<void> NetworkRepository::updateState(const QSqlDatabase &db, qint64 id, const QString &state)
{
    return SqlQuery::exec(
        db, QStringLiteral("UPDATE networks SET state = ?, updated_at = ? WHERE id = ?"),
        {state, QDateTime::currentMSecsSinceEpoch(), id});
}

Result<void> NetworkRepository::adoptChildren(const QSqlDatabase &db, const Network &network,
                                              std::optional<qint64> formerParent)
{
    return SqlQuery::exec(
        db,
        QStringLiteral("UPDATE networks SET parent_id = ? WHERE site_id = ? AND ip_version = ? "
                       "AND prefix_length > ? AND network_address >= ? AND "
                       "broadcast_address <= ? AND id <> ? AND (parent_id = ? OR (? AND "
                       "parent_id IS NULL))"),
        {network.id, network.siteId, network.ip.version(), network.ip.prefixLength(),
         network.ip.networkKey(), network.ip.broadcastKey(), network.id, formerParent.value_or(0),
         !formerParent.has_value()});
}

Result<void> NetworkRepository::reparentChildren(const QSqlDatabase &db, qint64 id,
                                                 std::optional<qint64> newParent)
{
    return SqlQuery::exec(db,
                          QStringLiteral("UPDATE networks SET parent_id = ? WHERE parent_id = ?"),
                          {SqlQuery::nullable(newParent), id});
}

Result<void> NetworkRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM networks WHERE id = ?"), {id});
}

Result<QList<NetworkRepository::Occupant>> NetworkRepository::occupants(const Network &parent,
                                                                        IpNumber from,
                                                                        int minimumPrefix,
                                                                        bool directOnly, int limit)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT network_address, broadcast_address, prefix_length FROM networks "
                       "WHERE site_id = ? AND ip_version = ? AND network_address >= ? AND "
                       "broadcast_address <= ? AND prefix_length > ? AND (? OR prefix_length "
                       ">= ?) AND (? OR parent_id = ?) ORDER BY network_address, prefix_length "
                       "LIMIT ?"),
        {parent.siteId, parent.ip.version(), IpNetwork::keyOf(from), parent.ip.broadcastKey(),
         parent.ip.prefixLength(), directOnly, minimumPrefix, !directOnly, parent.id, limit});
    if (!query)
        return query.error();
    QList<Occupant> occupants;
    while (query->next()) {
        const IpNetwork ip = IpNetwork::fromKey(parent.ip.version(), query->value(0).toByteArray(),
                                                query->value(2).toInt());
        occupants << Occupant{ip.network(), ip.broadcast(), ip.prefixLength()};
    }
    return occupants;
}

Result<qint64> NetworkRepository::hostCount(const Network &parent, IpNumber first, IpNumber last)
{
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM networks WHERE site_id = ? AND ip_version = ? AND "
                       "network_address >= ? AND network_address <= ? AND prefix_length = ?"),
        {parent.siteId, parent.ip.version(), IpNetwork::keyOf(first), IpNetwork::keyOf(last),
         parent.ip.maxPrefixLength()});
    if (!total)
        return total.error();
    return total->toLongLong();
}

} // namespace Cairn
