#include "StaticNetworkRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QUuid>

namespace Cairn {

namespace {

// However many allocations race for the same address, each retry finds a later one taken; a
// bound only guards against a database that keeps refusing.
constexpr int LeaseAttempts = 1000;

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString addressText(quint32 address)
{
    return QHostAddress(address).toString();
}

} // namespace

Result<QList<StaticNetwork>> StaticNetworkRepository::select(const QString &where,
                                                             const QVariantList &values)
{
    const QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> rows = SqlQuery::run(
        db,
        QStringLiteral("SELECT n.id, n.uuid, n.name, n.description, n.bridge, c.uuid, n.ip, "
                       "n.netmask, n.gateway, n.ipam_network_id, i.site_id FROM virt_networks n "
                       "LEFT JOIN virt_clusters c ON c.id = n.cluster_id LEFT JOIN networks i ON "
                       "i.id = n.ipam_network_id %1 ORDER BY n.name, n.id")
            .arg(where),
        values);
    if (!rows)
        return rows.error();
    QList<StaticNetwork> networks;
    QHash<qint64, qsizetype> positions;
    while (rows->next()) {
        StaticNetwork network;
        network.id = rows->value(0).toLongLong();
        network.uuid = rows->value(1).toString();
        network.name = rows->value(2).toString();
        network.description = rows->value(3).toString();
        network.bridge = rows->value(4).toString();
        network.clusterUuid = rows->value(5).toString();
        network.ip = rows->value(6).toString();
        network.netmask = rows->value(7).toString();
        network.gateway = rows->value(8).toString();
        if (!rows->value(9).isNull())
            network.ipamNetworkId = rows->value(9).toLongLong();
        network.siteId = rows->value(10).toLongLong();
        positions.insert(network.id, networks.size());
        networks << network;
    }
    // The ranges of all those networks, with their use, in one query.
    Result<QSqlQuery> ranges = SqlQuery::run(
        db,
        QStringLiteral("SELECT r.id, r.uuid, r.network_id, r.start_ip, r.end_ip, r.first_address, "
                       "r.last_address, (SELECT COUNT(*) FROM virt_ip_leases l WHERE l.range_id = "
                       "r.id) FROM virt_ip_ranges r WHERE r.network_id IN (SELECT n.id FROM "
                       "virt_networks n LEFT JOIN virt_clusters c ON c.id = n.cluster_id %1) "
                       "ORDER BY r.first_address")
            .arg(where),
        values);
    if (!ranges)
        return ranges.error();
    while (ranges->next()) {
        const qsizetype at = positions.value(ranges->value(2).toLongLong(), -1);
        if (at < 0)
            continue;
        IpRange range;
        range.id = ranges->value(0).toLongLong();
        range.uuid = ranges->value(1).toString();
        range.networkUuid = networks[at].uuid;
        range.startIp = ranges->value(3).toString();
        range.endIp = ranges->value(4).toString();
        range.first = quint32(ranges->value(5).toLongLong());
        range.last = quint32(ranges->value(6).toLongLong());
        range.used = ranges->value(7).toLongLong();
        networks[at].ranges << range;
    }
    return networks;
}

Result<QList<StaticNetwork>> StaticNetworkRepository::list()
{
    return select(QString(), {});
}

Result<StaticNetwork> StaticNetworkRepository::byUuid(const QString &uuid)
{
    const Result<QList<StaticNetwork>> found =
        select(QStringLiteral("WHERE n.uuid = ?"), {uuid.toLower()});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("No static network %1.").arg(uuid));
    return found->first();
}

Result<StaticNetwork> StaticNetworkRepository::insert(const StaticNetwork &network,
                                                      std::optional<qint64> clusterId)
{
    const QString uuid = newUuid();
    const Result<void> inserted = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_networks (uuid, name, description, bridge, cluster_id, "
                       "ip, netmask, gateway, ipam_network_id, created_at) VALUES (?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?)"),
        {uuid, network.name, network.description, network.bridge, SqlQuery::nullable(clusterId),
         network.ip, network.netmask, network.gateway, SqlQuery::nullable(network.ipamNetworkId),
         QDateTime::currentMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    return byUuid(uuid);
}

Result<void> StaticNetworkRepository::update(const StaticNetwork &network,
                                             std::optional<qint64> clusterId)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE virt_networks SET name = ?, description = ?, "
                                         "bridge = ?, cluster_id = ? WHERE id = ?"),
                          {network.name, network.description, network.bridge,
                           SqlQuery::nullable(clusterId), network.id});
}

Result<void> StaticNetworkRepository::setIpamNetwork(qint64 id, qint64 ipamNetworkId)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE virt_networks SET ipam_network_id = ? WHERE id = ?"),
        {ipamNetworkId, id});
}

Result<void> StaticNetworkRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM virt_networks WHERE id = ?"), {id});
}

Result<IpRange> StaticNetworkRepository::insertRange(qint64 networkId, quint32 first, quint32 last)
{
    IpRange range;
    range.uuid = newUuid();
    range.startIp = addressText(first);
    range.endIp = addressText(last);
    range.first = first;
    range.last = last;
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_ip_ranges (uuid, network_id, start_ip, end_ip, "
                       "first_address, last_address) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
        {range.uuid, networkId, range.startIp, range.endIp, qint64(first), qint64(last)});
    if (!id)
        return id.error();
    range.id = id->toLongLong();
    return range;
}

Result<void> StaticNetworkRepository::updateRange(qint64 rangeId, quint32 first, quint32 last)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE virt_ip_ranges SET start_ip = ?, end_ip = ?, "
                       "first_address = ?, last_address = ? WHERE id = ?"),
        {addressText(first), addressText(last), qint64(first), qint64(last), rangeId});
}

Result<std::optional<IpRange>>
StaticNetworkRepository::overlapping(quint32 first, quint32 last,
                                     std::optional<qint64> exceptRangeId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT r.uuid, n.uuid, r.start_ip, r.end_ip FROM virt_ip_ranges r JOIN "
                       "virt_networks n ON n.id = r.network_id WHERE r.first_address <= ? AND "
                       "r.last_address >= ? AND r.id <> ?"),
        {qint64(last), qint64(first), exceptRangeId.value_or(0)});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<IpRange>();
    IpRange range;
    range.uuid = query->value(0).toString();
    range.networkUuid = query->value(1).toString();
    range.startIp = query->value(2).toString();
    range.endIp = query->value(3).toString();
    return std::optional<IpRange>(range);
}

Result<qint64> StaticNetworkRepository::leasesOutside(qint64 rangeId, quint32 first, quint32 last)
{
    const Result<QVariant> count = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM virt_ip_leases WHERE range_id = ? AND (address < ? "
                       "OR address > ?)"),
        {rangeId, qint64(first), qint64(last)});
    if (!count)
        return count.error();
    return count->toLongLong();
}

Result<qint64> StaticNetworkRepository::leaseCount(qint64 networkId)
{
    const Result<QVariant> count = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM virt_ip_leases l JOIN virt_ip_ranges r ON r.id = "
                       "l.range_id WHERE r.network_id = ?"),
        {networkId});
    if (!count)
        return count.error();
    return count->toLongLong();
}

Result<std::optional<quint32>> StaticNetworkRepository::firstFree(const IpRange &range,
                                                                  const QSet<quint32> &recorded)
{
    Result<QSqlQuery> taken = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT address FROM virt_ip_leases WHERE range_id = ? ORDER BY address"),
        {range.id});
    if (!taken)
        return taken.error();
    qint64 candidate = range.first;
    bool more = taken->next();
    while (candidate <= range.last) {
        while (more && taken->value(0).toLongLong() < candidate)
            more = taken->next();
        const bool leased = more && taken->value(0).toLongLong() == candidate;
        if (!leased && !recorded.contains(quint32(candidate)))
            return std::optional<quint32>(quint32(candidate));
        ++candidate;
    }
    return std::optional<quint32>();
}

Result<bool> StaticNetworkRepository::insertLease(quint32 address, qint64 rangeId,
                                                  const QString &machineUuid, const QString &mac)
{
    // ON CONFLICT rather than a failed INSERT: on PostgreSQL a failed statement would end the
    // caller's transaction.
    const Result<QSqlQuery> inserted = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_ip_leases (address, range_id, machine_uuid, mac, "
                       "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (address) DO NOTHING"),
        {qint64(address), rangeId, machineUuid, mac, QDateTime::currentMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    return inserted->numRowsAffected() == 1;
}

Result<std::optional<IpLease>> StaticNetworkRepository::lease(const StaticNetwork &network,
                                                              const QString &machineUuid,
                                                              const QString &mac,
                                                              const QSet<quint32> &recorded)
{
    for (const IpRange &range : network.ranges) {
        for (int attempt = 0; attempt < LeaseAttempts; ++attempt) {
            const Result<std::optional<quint32>> free = firstFree(range, recorded);
            if (!free)
                return free.error();
            if (!free->has_value())
                break;
            const Result<bool> leased = insertLease(free->value(), range.id, machineUuid, mac);
            if (!leased)
                return leased.error();
            if (leased.value())
                return std::optional<IpLease>(IpLease{addressText(free->value()), network.uuid,
                                                      range.uuid, mac, machineUuid});
            // Taken meanwhile by a concurrent allocation: look again.
        }
    }
    return std::optional<IpLease>();
}

Result<std::optional<IpLease>>
StaticNetworkRepository::claim(quint32 address, const QString &machineUuid, const QString &mac)
{
    QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> range = SqlQuery::run(
        db,
        QStringLiteral("SELECT r.id, r.uuid, n.uuid FROM virt_ip_ranges r JOIN virt_networks n "
                       "ON n.id = r.network_id WHERE r.first_address <= ? AND r.last_address >= ?"),
        {qint64(address), qint64(address)});
    if (!range)
        return range.error();
    if (!range->next())
        return std::optional<IpLease>();
    const IpLease lease{addressText(address), range->value(2).toString(),
                        range->value(1).toString(), mac, machineUuid};
    const qint64 rangeId = range->value(0).toLongLong();
    // Released before the write: a read still open on an older snapshot cannot become one.
    range->finish();
    const Result<bool> leased = insertLease(address, rangeId, machineUuid, mac);
    if (!leased)
        return leased.error();
    if (leased.value())
        return std::optional<IpLease>(lease);
    const Result<QList<IpLease>> held =
        selectLeases(QStringLiteral("l.address = ?"), {qint64(address)});
    if (!held)
        return held.error();
    if (!held->isEmpty() && held->first().machineUuid == machineUuid)
        return std::optional<IpLease>(held->first());
    return Error::conflict(
        QStringLiteral("%1 is leased to machine %2.")
            .arg(lease.address, held->isEmpty() ? QStringLiteral("?") : held->first().machineUuid));
}

Result<QList<IpLease>> StaticNetworkRepository::selectLeases(const QString &where,
                                                             const QVariantList &values)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT l.address, n.uuid, r.uuid, l.mac, l.machine_uuid, "
                       "l.ipam_address_id, l.ipam_owned FROM virt_ip_leases l JOIN virt_ip_ranges "
                       "r ON r.id = l.range_id JOIN virt_networks n ON n.id = r.network_id WHERE "
                       "%1 ORDER BY l.address")
            .arg(where),
        values);
    if (!query)
        return query.error();
    QList<IpLease> leases;
    while (query->next())
        leases << IpLease{addressText(quint32(query->value(0).toLongLong())),
                          query->value(1).toString(),
                          query->value(2).toString(),
                          query->value(3).toString(),
                          query->value(4).toString(),
                          query->value(5).toLongLong(),
                          query->value(6).toBool()};
    return leases;
}

Result<QList<IpLease>> StaticNetworkRepository::leasesOf(const QString &machineUuid)
{
    return selectLeases(QStringLiteral("l.machine_uuid = ?"), {machineUuid});
}

Result<QList<IpLease>> StaticNetworkRepository::leasesOutsideIpam()
{
    return selectLeases(QStringLiteral("l.ipam_address_id IS NULL"), {});
}

Result<void> StaticNetworkRepository::setIpamAddress(const QString &address, qint64 ipamAddressId,
                                                     bool owned)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE virt_ip_leases SET ipam_address_id = ?, "
                                         "ipam_owned = ? WHERE address = ? AND ipam_address_id "
                                         "IS NULL"),
                          {ipamAddressId, owned, qint64(QHostAddress(address).toIPv4Address())});
}

Result<qint64> StaticNetworkRepository::release(const QString &machineUuid)
{
    const Result<QVariant> count = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM virt_ip_leases WHERE machine_uuid = ?"),
        {machineUuid});
    if (!count)
        return count.error();
    const Result<void> deleted = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("DELETE FROM virt_ip_leases WHERE machine_uuid = ?"), {machineUuid});
    if (!deleted)
        return deleted.error();
    return count->toLongLong();
}

} // namespace Cairn
