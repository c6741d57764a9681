#include "StaticNetworkService.h"

#include "ClusterService.h"
#include "Counted.h"
#include "auth/PermissionService.h"
#include "auth/Viewable.h"
#include "db/Transaction.h"
#include "net/IpNetwork.h"

#include <QHostAddress>
#include <QLoggingCategory>

namespace Cairn {

Q_LOGGING_CATEGORY(lcStaticNetworks, "cairn.virt.networks")

namespace {

constexpr int MaxNameLength = 100;
// Two leases racing for one address on PostgreSQL: the loser's transaction starts again.
constexpr int LeaseTransactions = 5;

Result<quint32> ipv4(const QString &text, const QString &field)
{
    const Result<IpNetwork> parsed = IpNetwork::parse(text.trimmed(), field);
    if (!parsed || parsed->version() != 4 || !parsed->isHost())
        return Error::invalidField(field, QStringLiteral("Give an IPv4 address."));
    return quint32(parsed->network());
}

// A netmask as 255.255.255.0 or as a prefix length (24).
Result<int> prefixLengthOf(const QString &netmask)
{
    bool isNumber = false;
    const int length = netmask.trimmed().toInt(&isNumber);
    if (isNumber && length >= 0 && length <= 32)
        return length;
    const Result<quint32> mask = ipv4(netmask, QStringLiteral("netmask"));
    if (!mask)
        return mask.error();
    const int bits = qPopulationCount(mask.value());
    const quint32 contiguous = bits == 0 ? 0 : ~quint32(0) << (32 - bits);
    if (mask.value() != contiguous)
        return Error::invalidField(QStringLiteral("netmask"),
                                   QStringLiteral("A netmask's ones come first (255.255.255.0)."));
    return bits;
}

Result<IpNetwork> networkOf(const QString &ip, const QString &netmask)
{
    const Result<quint32> address = ipv4(ip, QStringLiteral("ip"));
    if (!address)
        return address.error();
    const Result<int> prefixLength = prefixLengthOf(netmask);
    if (!prefixLength)
        return prefixLength.error();
    return IpNetwork::fromParts(ip.trimmed(), prefixLength.value(), QStringLiteral("ip"));
}

// The addresses of the network a machine may have: all but the network and broadcast addresses
// (a /31 or /32 has none of those).
std::pair<quint32, quint32> hostAddresses(const IpNetwork &network)
{
    const auto first = quint32(network.network());
    const auto last = quint32(network.broadcast());
    if (network.prefixLength() >= 31)
        return {first, last};
    return {first + 1, last - 1};
}

Result<QString> checkedName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::invalidField(QStringLiteral("name"),
                                   QStringLiteral("Give the network a name."));
    if (trimmed.size() > MaxNameLength)
        return Error::invalidField(QStringLiteral("name"),
                                   QStringLiteral("At most %1 characters.").arg(MaxNameLength));
    return trimmed;
}

Error nameTaken(const QString &name)
{
    return Error{ErrorCode::Conflict, QStringLiteral("A static network named %1 exists.").arg(name),
                 QJsonObject{{QStringLiteral("name"),
                              QStringLiteral("A static network with this name exists.")}}};
}

} // namespace

StaticNetworkService::StaticNetworkService(Database &database, PermissionService &permissions,
                                           ClusterService &clusters, IpamServices ipam)
    : m_database(database)
    , m_networks(database)
    , m_ipam(ipam)
    , m_permissions(permissions)
    , m_clusters(clusters)
{
}

Result<QList<StaticNetwork>> StaticNetworkService::list(const Identity &caller)
{
    const Result<QList<StaticNetwork>> all = m_networks.list();
    if (!all)
        return all.error();
    return viewable(m_permissions, caller, ObjectType, all.value());
}

Result<StaticNetwork> StaticNetworkService::allowed(const Identity &caller, const QString &uuid,
                                                    Action action)
{
    Result<StaticNetwork> network = m_networks.byUuid(uuid);
    if (!network)
        return network;
    const Result<void> may =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), network->id, action);
    if (!may)
        return may.error();
    return network;
}

Result<StaticNetwork> StaticNetworkService::get(const Identity &caller, const QString &uuid)
{
    return allowed(caller, uuid, Action::View);
}

Result<std::optional<qint64>> StaticNetworkService::clusterId(const Identity &caller,
                                                              const QString &uuid)
{
    if (uuid.trimmed().isEmpty())
        return std::optional<qint64>();
    const Result<Cluster> cluster = m_clusters.get(caller, uuid.trimmed());
    if (!cluster) {
        if (cluster.error().code != ErrorCode::NotFound)
            return cluster.error();
        return Error::invalidField(QStringLiteral("cluster"),
                                   QStringLiteral("No cluster %1.").arg(uuid));
    }
    return std::optional<qint64>(cluster->id);
}

Result<StaticNetwork> StaticNetworkService::create(const Identity &caller,
                                                   const StaticNetworkFields &fields)
{
    const Result<void> may =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), std::nullopt, Action::Add);
    if (!may)
        return may.error();
    const Result<QString> name = checkedName(fields.name.value_or(QString()));
    if (!name)
        return name.error();
    if (fields.ip.value_or(QString()).trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("ip"),
                                   QStringLiteral("Give the network's address (192.0.2.0)."));
    if (fields.netmask.value_or(QString()).trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("netmask"),
                                   QStringLiteral("Give the netmask (255.255.255.0 or 24)."));
    const Result<IpNetwork> ipNetwork = networkOf(*fields.ip, *fields.netmask);
    if (!ipNetwork)
        return ipNetwork.error();
    StaticNetwork network;
    network.name = name.value();
    network.description = fields.description.value_or(QString()).trimmed();
    network.bridge = fields.bridge.value_or(QString()).trimmed();
    network.ip = ipNetwork->networkAddress();
    network.netmask =
        QHostAddress(~quint32(IpNetwork::hostMask(4, ipNetwork->prefixLength()))).toString();
    if (!fields.gateway.value_or(QString()).trimmed().isEmpty()) {
        const Result<quint32> gateway = ipv4(*fields.gateway, QStringLiteral("gateway"));
        if (!gateway)
            return gateway.error();
        const auto [first, last] = hostAddresses(ipNetwork.value());
        if (gateway.value() < first || gateway.value() > last)
            return Error::invalidField(
                QStringLiteral("gateway"),
                QStringLiteral("The gateway is a host address of %1.").arg(ipNetwork->cidr()));
        network.gateway = QHostAddress(gateway.value()).toString();
    }
    const Result<std::optional<qint64>> cluster =
        clusterId(caller, fields.cluster.value_or(QString()));
    if (!cluster)
        return cluster.error();
    const Result<qint64> site = m_ipam.siteFor(fields.site.value_or(QString()), ipNetwork.value());
    if (!site)
        return site.error();
    Result<StaticNetwork> inserted =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<StaticNetwork> {
            const Result<qint64> ipamNetwork =
                m_ipam.networkFor(db, caller, site.value(), ipNetwork.value());
            if (!ipamNetwork)
                return ipamNetwork.error();
            network.ipamNetworkId = ipamNetwork.value();
            Result<StaticNetwork> stored = m_networks.insert(network, cluster.value());
            // Only this insert's conflict is the name's (IPAM's would be a race on the network).
            if (!stored && stored.error().code == ErrorCode::Conflict)
                return nameTaken(network.name);
            return stored;
        });
    return inserted;
}

Result<StaticNetwork> StaticNetworkService::update(const Identity &caller, const QString &uuid,
                                                   const StaticNetworkFields &fields)
{
    Result<StaticNetwork> network = allowed(caller, uuid, Action::Change);
    if (!network)
        return network;
    for (const auto &[field, name] :
         {std::pair(&fields.ip, "ip"), std::pair(&fields.netmask, "netmask"),
          std::pair(&fields.gateway, "gateway"), std::pair(&fields.site, "site")}) {
        if (field->has_value())
            return Error::invalidField(
                QString::fromLatin1(name),
                QStringLiteral("Set at creation; make a new network for other addresses."));
    }
    if (fields.name) {
        const Result<QString> name = checkedName(*fields.name);
        if (!name)
            return name.error();
        network->name = name.value();
    }
    if (fields.description)
        network->description = fields.description->trimmed();
    if (fields.bridge)
        network->bridge = fields.bridge->trimmed();
    const Result<std::optional<qint64>> cluster =
        clusterId(caller, fields.cluster.value_or(network->clusterUuid));
    if (!cluster)
        return cluster.error();
    const Result<void> updated = m_networks.update(network.value(), cluster.value());
    if (!updated)
        return updated.error().code == ErrorCode::Conflict ? nameTaken(network->name)
                                                           : updated.error();
    return m_networks.byUuid(network->uuid);
}

Result<StaticNetwork> StaticNetworkService::remove(const Identity &caller, const QString &uuid)
{
    Result<StaticNetwork> network = allowed(caller, uuid, Action::Delete);
    if (!network)
        return network;
    // In one transaction: a lease made in between would otherwise go with the ranges and leave
    // its IPAM address behind.
    const Result<void> removed = Transaction::run(m_database, [&](const QSqlDatabase &) {
        const Result<qint64> leased = m_networks.leaseCount(network->id);
        if (!leased)
            return Result<void>(leased.error());
        if (leased.value() > 0)
            return Result<void>(Error::conflict(
                QStringLiteral("%1 of %2 leased to machines; delete those machines first.")
                    .arg(counted(leased.value(), QStringLiteral("address"),
                                 QStringLiteral("addresses")),
                         network->name)));
        return m_networks.remove(network->id);
    });
    if (!removed)
        return removed.error();
    return network;
}

Result<std::pair<quint32, quint32>>
StaticNetworkService::checkedRange(const StaticNetwork &network, const QString &startIp,
                                   const QString &endIp, std::optional<qint64> exceptRangeId)
{
    const Result<quint32> start = ipv4(startIp, QStringLiteral("start_ip"));
    if (!start)
        return start.error();
    const Result<quint32> end = ipv4(endIp, QStringLiteral("end_ip"));
    if (!end)
        return end.error();
    if (end.value() < start.value())
        return Error::invalidField(QStringLiteral("end_ip"),
                                   QStringLiteral("The range ends before it starts."));
    const Result<IpNetwork> ipNetwork = networkOf(network.ip, network.netmask);
    if (!ipNetwork)
        return ipNetwork.error();
    const auto [first, last] = hostAddresses(ipNetwork.value());
    if (start.value() < first || end.value() > last)
        return Error::invalidField(
            QStringLiteral("start_ip"),
            QStringLiteral("The range must lie within the host addresses of %1 (%2 - %3).")
                .arg(ipNetwork->cidr(), QHostAddress(first).toString(),
                     QHostAddress(last).toString()));
    if (!network.gateway.isEmpty()) {
        const quint32 gateway = QHostAddress(network.gateway).toIPv4Address();
        if (gateway >= start.value() && gateway <= end.value())
            return Error::invalidField(
                QStringLiteral("start_ip"),
                QStringLiteral("The range holds the gateway %1.").arg(network.gateway));
    }
    const Result<std::optional<IpRange>> overlap =
        m_networks.overlapping(start.value(), end.value(), exceptRangeId);
    if (!overlap)
        return overlap.error();
    if (overlap->has_value())
        return Error::invalidField(
            QStringLiteral("start_ip"),
            QStringLiteral("The range overlaps %1 - %2 (range %3 of network %4).")
                .arg(overlap->value().startIp, overlap->value().endIp, overlap->value().uuid,
                     overlap->value().networkUuid));
    return std::pair(start.value(), end.value());
}

Result<IpRange> StaticNetworkService::addRange(const Identity &caller, const QString &uuid,
                                               const QString &startIp, const QString &endIp)
{
    const Result<StaticNetwork> network = allowed(caller, uuid, Action::Change);
    if (!network)
        return network.error();
    const Result<std::pair<quint32, quint32>> bounds =
        checkedRange(network.value(), startIp, endIp, std::nullopt);
    if (!bounds)
        return bounds.error();
    Result<IpRange> added = m_networks.insertRange(network->id, bounds->first, bounds->second);
    if (added)
        added->networkUuid = network->uuid;
    return added;
}

Result<IpRange> StaticNetworkService::rangeIn(const StaticNetwork &network,
                                              const QString &rangeUuid)
{
    for (const IpRange &range : network.ranges) {
        if (range.uuid == rangeUuid.toLower())
            return range;
    }
    return Error::notFound(
        QStringLiteral("No IP range %1 in network %2.").arg(rangeUuid, network.name));
}

Result<IpRange> StaticNetworkService::range(const Identity &caller, const QString &uuid,
                                            const QString &rangeUuid)
{
    const Result<StaticNetwork> network = allowed(caller, uuid, Action::View);
    if (!network)
        return network.error();
    return rangeIn(network.value(), rangeUuid);
}

Result<IpRange> StaticNetworkService::updateRange(const Identity &caller, const QString &uuid,
                                                  const QString &rangeUuid, const QString &startIp,
                                                  const QString &endIp)
{
    const Result<StaticNetwork> network = allowed(caller, uuid, Action::Change);
    if (!network)
        return network.error();
    Result<IpRange> before = rangeIn(network.value(), rangeUuid);
    if (!before)
        return before;
    const Result<std::pair<quint32, quint32>> bounds =
        checkedRange(network.value(), startIp.isEmpty() ? before->startIp : startIp,
                     endIp.isEmpty() ? before->endIp : endIp, before->id);
    if (!bounds)
        return bounds.error();
    const Result<qint64> stranded =
        m_networks.leasesOutside(before->id, bounds->first, bounds->second);
    if (!stranded)
        return stranded.error();
    if (stranded.value() > 0)
        return Error::conflict(QStringLiteral("%1 leased addresses would fall outside the range.")
                                   .arg(stranded.value()));
    const Result<void> updated = m_networks.updateRange(before->id, bounds->first, bounds->second);
    if (!updated)
        return updated.error();
    const Result<StaticNetwork> after = m_networks.byUuid(network->uuid);
    if (!after)
        return after.error();
    return rangeIn(after.value(), rangeUuid);
}

Result<std::optional<IpLease>> StaticNetworkService::leaseFor(const QStringList &clusterUuids,
                                                              const QString &machineUuid,
                                                              const QString &mac)
{
    const Result<QList<StaticNetwork>> all = m_networks.list();
    if (!all)
        return all.error();
    QList<StaticNetwork> candidates;
    for (const StaticNetwork &network : all.value()) {
        if (clusterUuids.contains(network.clusterUuid))
            candidates << network;
    }
    for (const StaticNetwork &network : all.value()) {
        if (network.clusterUuid.isEmpty())
            candidates << network;
    }
    if (candidates.isEmpty())
        return std::optional<IpLease>();
    QStringList names;
    for (const StaticNetwork &network : std::as_const(candidates)) {
        Result<std::optional<IpLease>> leased = leaseFrom(network, machineUuid, mac);
        if (!leased || leased->has_value())
            return leased;
        names << network.name;
    }
    return Error::conflict(
        QStringLiteral("No free address left in %1.").arg(names.join(QStringLiteral(", "))));
}

Result<void> StaticNetworkService::holdInIpam(const QSqlDatabase &db, const Identity &leaser,
                                              IpLease &lease, bool onlyNew)
{
    const Result<StaticNetwork> network = m_networks.byUuid(lease.networkUuid);
    if (!network)
        return network.error();
    if (!network->ipamNetworkId)
        return {};
    const Result<HeldAddress> held =
        m_ipam.hold(db, leaser, network->siteId, QHostAddress(lease.address).toIPv4Address(),
                    lease.machineUuid, onlyNew);
    if (!held)
        return held.error();
    lease.ipamAddressId = held->id;
    lease.ipamOwned = held->owned;
    return m_networks.setIpamAddress(lease.address, held->id, held->owned);
}

Result<std::optional<IpLease>> StaticNetworkService::leaseFrom(const StaticNetwork &network,
                                                               const QString &machineUuid,
                                                               const QString &mac)
{
    const Result<Identity> leaser = m_ipam.leaser();
    if (!leaser)
        return leaser.error();
    Result<std::optional<IpLease>> leased = std::optional<IpLease>();
    for (int attempt = 0; attempt < LeaseTransactions; ++attempt) {
        leased = Transaction::run(
            m_database, [&](const QSqlDatabase &db) -> Result<std::optional<IpLease>> {
                QSet<quint32> recorded;
                if (network.ipamNetworkId) {
                    const Result<IpNetwork> cidr = networkOf(network.ip, network.netmask);
                    if (!cidr)
                        return cidr.error();
                    Result<QSet<quint32>> inIpam = m_ipam.recordedIn(network.siteId, cidr.value());
                    if (!inIpam)
                        return inIpam.error();
                    recorded = std::move(inIpam).value();
                }
                Result<std::optional<IpLease>> lease =
                    m_networks.lease(network, machineUuid, mac, recorded);
                if (!lease || !lease->has_value())
                    return lease;
                const Result<void> held = holdInIpam(db, leaser.value(), lease->value(), true);
                if (!held)
                    return held.error();
                return lease;
            });
        if (leased || leased.error().code != ErrorCode::Conflict)
            return leased;
    }
    return leased;
}

Result<std::optional<IpLease>> StaticNetworkService::claim(const QString &machineUuid,
                                                           const QString &mac, const QString &ip)
{
    const QHostAddress address(ip);
    if (address.protocol() != QAbstractSocket::IPv4Protocol)
        return std::optional<IpLease>();
    const Result<Identity> leaser = m_ipam.leaser();
    if (!leaser)
        return leaser.error();
    Result<std::optional<IpLease>> claimed = std::optional<IpLease>();
    // As leaseFrom(): a transaction that lost a race in IPAM starts again.
    for (int attempt = 0; attempt < LeaseTransactions; ++attempt) {
        claimed = Transaction::run(
            m_database, [&](const QSqlDatabase &db) -> Result<std::optional<IpLease>> {
                Result<std::optional<IpLease>> lease =
                    m_networks.claim(address.toIPv4Address(), machineUuid, mac);
                if (!lease || !lease->has_value() || lease->value().ipamAddressId != 0)
                    return lease;
                const Result<void> held = holdInIpam(db, leaser.value(), lease->value(), false);
                if (!held)
                    return held.error();
                return lease;
            });
        if (claimed || claimed.error().code != ErrorCode::Conflict)
            return claimed;
    }
    return claimed;
}

Result<QList<IpLease>> StaticNetworkService::leasesOf(const QString &machineUuid)
{
    return m_networks.leasesOf(machineUuid);
}

Result<Machine> StaticNetworkService::addressed(Machine machine)
{
    const Result<QList<IpLease>> leases = m_networks.leasesOf(machine.uuid);
    if (!leases)
        return leases.error();
    for (qsizetype index = 0; index < machine.interfaces.size(); ++index) {
        QJsonObject interface = machine.interfaces[index].toObject();
        for (const IpLease &lease : leases.value()) {
            if (lease.mac != interface.value(QStringLiteral("mac")).toString())
                continue;
            interface.insert(QStringLiteral("ip"), lease.address);
            interface.insert(QStringLiteral("ipam_address"),
                             lease.ipamAddressId ? QJsonValue(lease.ipamAddressId) : QJsonValue());
        }
        machine.interfaces[index] = interface;
    }
    return machine;
}

Result<qint64> StaticNetworkService::release(const QString &machineUuid)
{
    const Result<Identity> leaser = m_ipam.leaser();
    if (!leaser)
        return leaser.error();
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<qint64> {
        const Result<QList<IpLease>> leases = m_networks.leasesOf(machineUuid);
        if (!leases)
            return leases.error();
        // The leases go first: they refer to the addresses.
        Result<qint64> released = m_networks.release(machineUuid);
        if (!released)
            return released;
        for (const IpLease &lease : leases.value()) {
            if (lease.ipamAddressId == 0)
                continue;
            const Result<void> freed = m_ipam.release(
                db, leaser.value(), HeldAddress{lease.ipamAddressId, lease.ipamOwned});
            if (!freed)
                return freed.error();
        }
        return released;
    });
}

Result<void> StaticNetworkService::enterIpam()
{
    const Result<QList<StaticNetwork>> all = m_networks.list();
    if (!all)
        return all.error();
    const Result<QList<IpLease>> leases = m_networks.leasesOutsideIpam();
    if (!leases)
        return leases.error();
    const bool outside =
        !leases->isEmpty() || std::any_of(all->cbegin(), all->cend(), [](const StaticNetwork &n) {
            return !n.ipamNetworkId.has_value();
        });
    if (!outside)
        return {};
    const Result<Identity> author = m_ipam.leaser();
    if (!author)
        return author.error();
    int networks = 0;
    for (const StaticNetwork &network : all.value()) {
        if (network.ipamNetworkId)
            continue;
        const Result<IpNetwork> cidr = networkOf(network.ip, network.netmask);
        const Result<qint64> site =
            cidr ? m_ipam.siteFor(QString(), cidr.value()) : Result<qint64>(cidr.error());
        if (!site) {
            qCWarning(lcStaticNetworks).noquote() << "static network" << network.name
                                                  << "stays outside IPAM:" << site.error().message;
            continue;
        }
        const Result<void> entered = Transaction::run(m_database, [&](const QSqlDatabase &db) {
            const Result<qint64> ipamNetwork =
                m_ipam.networkFor(db, author.value(), site.value(), cidr.value());
            if (!ipamNetwork)
                return Result<void>(ipamNetwork.error());
            return m_networks.setIpamNetwork(network.id, ipamNetwork.value());
        });
        // One row that cannot enter must not keep the server from starting.
        if (!entered)
            qCWarning(lcStaticNetworks).noquote()
                << "static network" << network.name
                << "stays outside IPAM:" << entered.error().message;
        else
            ++networks;
    }
    int addresses = 0;
    for (IpLease lease : leases.value()) {
        const Result<void> held = Transaction::run(m_database, [&](const QSqlDatabase &db) {
            return holdInIpam(db, author.value(), lease, false);
        });
        if (!held)
            qCWarning(lcStaticNetworks).noquote()
                << "the lease of" << lease.address << "stays outside IPAM:" << held.error().message;
        else
            addresses += lease.ipamAddressId != 0 ? 1 : 0;
    }
    if (networks + addresses > 0)
        qCInfo(lcStaticNetworks).noquote()
            << QStringLiteral("IPAM now holds %1 and %2 leased to machines")
                   .arg(counted(networks, QStringLiteral("static network"),
                                QStringLiteral("static networks")),
                        counted(addresses, QStringLiteral("address"), QStringLiteral("addresses")));
    return {};
}

} // namespace Cairn
