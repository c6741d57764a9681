#pragma once

#include "Machine.h"
#include "StaticNetworkFields.h"
#include "StaticNetworkIpam.h"
#include "StaticNetworkRepository.h"
#include "auth/Action.h"
#include "auth/Identity.h"

namespace Cairn {

class ClusterService;
class PermissionService;

// Static networks and their IP ranges (Enomalism section 7), with per-object permissions
// (object type "network": view, add, change, delete), and the addresses machines lease from
// them. Only IPv4, as the seed's ip + netmask imply. Each is a network of the IPAM tree and
// each lease a host address there (StaticNetworkIpam): one store of addresses, not two.
class StaticNetworkService
{
public:
    static constexpr const char *ObjectType = "network";

    StaticNetworkService(Database &database, PermissionService &permissions,
                         ClusterService &clusters, IpamServices ipam);

    // Enters what older versions kept outside IPAM (static networks, leases) into it, at start.
    // A network whose site cannot be told is left out (and logged) rather than stop the start.
    Result<void> enterIpam();

    Result<QList<StaticNetwork>> list(const Identity &caller);
    Result<StaticNetwork> get(const Identity &caller, const QString &uuid);
    // name, ip and netmask are required; errors name the field.
    Result<StaticNetwork> create(const Identity &caller, const StaticNetworkFields &fields);
    // name, description, bridge and cluster; ip, netmask, gateway and site cannot change.
    Result<StaticNetwork> update(const Identity &caller, const QString &uuid,
                                 const StaticNetworkFields &fields);
    // Conflict while machines hold addresses from it.
    Result<StaticNetwork> remove(const Identity &caller, const QString &uuid);

    // Inside the network, clear of its network, broadcast and gateway addresses, and
    // overlapping no range of any network (400 naming start_ip).
    Result<IpRange> addRange(const Identity &caller, const QString &uuid, const QString &startIp,
                             const QString &endIp);
    Result<IpRange> range(const Identity &caller, const QString &uuid, const QString &rangeUuid);
    // As addRange, and keeping every address leased from it.
    Result<IpRange> updateRange(const Identity &caller, const QString &uuid,
                                const QString &rangeUuid, const QString &startIp,
                                const QString &endIp);

    // An address for a new machine: from the networks of the hypervisor's clusters, else from
    // those serving every hypervisor. nullopt when no network applies; Conflict when they are
    // all exhausted.
    Result<std::optional<IpLease>> leaseFor(const QStringList &clusterUuids,
                                            const QString &machineUuid, const QString &mac);
    // The address an adopted machine already uses (StaticNetworkRepository::claim); an address
    // that is not IPv4 is outside every network.
    Result<std::optional<IpLease>> claim(const QString &machineUuid, const QString &mac,
                                         const QString &ip);
    Result<QList<IpLease>> leasesOf(const QString &machineUuid);
    // The machine with each interface's leased address as its `ip` (and its IPAM address as
    // `ipam_address`).
    Result<Machine> addressed(Machine machine);
    Result<qint64> release(const QString &machineUuid);

private:
    Result<StaticNetwork> allowed(const Identity &caller, const QString &uuid, Action action);
    static Result<IpRange> rangeIn(const StaticNetwork &network, const QString &rangeUuid);
    // The cluster's id, if the caller may view it; nullopt for an empty uuid.
    Result<std::optional<qint64>> clusterId(const Identity &caller, const QString &uuid);
    // first..last from the texts, checked against the network and the other ranges.
    Result<std::pair<quint32, quint32>> checkedRange(const StaticNetwork &network,
                                                     const QString &startIp, const QString &endIp,
                                                     std::optional<qint64> exceptRangeId);

    // One lease from `network` in a transaction with its IPAM address.
    Result<std::optional<IpLease>> leaseFrom(const StaticNetwork &network,
                                             const QString &machineUuid, const QString &mac);
    // The lease's address held in IPAM and recorded on the lease (see StaticNetworkIpam::hold
    // for `onlyNew`).
    Result<void> holdInIpam(const QSqlDatabase &db, const Identity &leaser, IpLease &lease,
                            bool onlyNew);

    Database &m_database;
    StaticNetworkRepository m_networks;
    StaticNetworkIpam m_ipam;
    PermissionService &m_permissions;
    ClusterService &m_clusters;
};

} // namespace Cairn
