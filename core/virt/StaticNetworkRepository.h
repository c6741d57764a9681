#pragma once

#include "Result.h"
#include "StaticNetwork.h"

#include <QSet>
#include <optional>

namespace Cairn {

class Database;

// An address leased to a machine, where from, and the IPAM host address it holds (0 until it
// holds one).
struct IpLease
{
    QString address;
    QString networkUuid;
    QString rangeUuid;
    QString mac;
    QString machineUuid;
    qint64 ipamAddressId = 0;
    // Whether the lease made the IPAM address (see HeldAddress).
    bool ipamOwned = false;
};

// Static networks, their IP ranges and the addresses leased from them, in SQL.
class StaticNetworkRepository
{
public:
    explicit StaticNetworkRepository(Database &database)
        : m_database(database)
    {
    }

    // With their ranges, by name.
    Result<QList<StaticNetwork>> list();
    // NotFound naming the uuid.
    Result<StaticNetwork> byUuid(const QString &uuid);
    // Conflict when the name is taken. `network.clusterUuid` is ignored: `clusterId` counts.
    Result<StaticNetwork> insert(const StaticNetwork &network, std::optional<qint64> clusterId);
    Result<void> setIpamNetwork(qint64 id, qint64 ipamNetworkId);
    Result<void> update(const StaticNetwork &network, std::optional<qint64> clusterId);
    Result<void> remove(qint64 id);

    Result<IpRange> insertRange(qint64 networkId, quint32 first, quint32 last);
    Result<void> updateRange(qint64 rangeId, quint32 first, quint32 last);
    // A range of any network that shares an address with first..last, but `exceptRangeId`.
    Result<std::optional<IpRange>> overlapping(quint32 first, quint32 last,
                                               std::optional<qint64> exceptRangeId);
    // Leases of the range outside first..last: what resizing it would strand.
    Result<qint64> leasesOutside(qint64 rangeId, quint32 first, quint32 last);
    Result<qint64> leaseCount(qint64 networkId);

    // The lowest address of the network's ranges neither leased nor in `recorded`, leased to
    // the machine; nullopt when every address is taken. Safe to call concurrently, in a
    // transaction too: an address is leased once, and a lost race never fails a statement.
    Result<std::optional<IpLease>> lease(const StaticNetwork &network, const QString &machineUuid,
                                         const QString &mac, const QSet<quint32> &recorded);
    // `address` leased to the machine, as it already uses it (an adopted machine): nullopt when
    // no range holds it, Conflict naming the machine that holds it. Claiming an address the
    // machine holds already returns its lease.
    Result<std::optional<IpLease>> claim(quint32 address, const QString &machineUuid,
                                         const QString &mac);
    Result<QList<IpLease>> leasesOf(const QString &machineUuid);
    // Leases that hold no IPAM address yet (made before IPAM held them).
    Result<QList<IpLease>> leasesOutsideIpam();
    // Only on a lease that holds none yet: two servers entering old leases at once keep the
    // first's answer.
    Result<void> setIpamAddress(const QString &address, qint64 ipamAddressId, bool owned);
    // Returns how many addresses the machine had.
    Result<qint64> release(const QString &machineUuid);

private:
    Result<QList<StaticNetwork>> select(const QString &where, const QVariantList &values);
    Result<std::optional<quint32>> firstFree(const IpRange &range, const QSet<quint32> &recorded);
    // Leases `address` unless it is leased already; whether it was.
    Result<bool> insertLease(quint32 address, qint64 rangeId, const QString &machineUuid,
                             const QString &mac);
    Result<QList<IpLease>> selectLeases(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
