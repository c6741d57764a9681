#pragma once

#include "Network.h"
#include "Result.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>

namespace Cairn {

class Database;

// Which networks to read. Every set member narrows the result; relations (subnets, supernets,
// children, siblings) are expressed with `within`, `containing` and `parentId`.
struct NetworkFilter
{
    std::optional<qint64> siteId;
    std::optional<QList<qint64>> ids;
    // exactly this network (cidr=, or network_address= with prefix_length=)
    std::optional<IpNetwork> exact;
    // any prefix at this address (network_address= alone)
    std::optional<IpNetwork> address;
    std::optional<int> prefixLength;
    std::optional<int> ipVersion;
    QString state;
    bool includeNetworks = true;
    bool includeIps = true;
    bool rootOnly = false;
    // strictly inside this network (descendants) / strictly around it (ancestors)
    std::optional<IpNetwork> within;
    std::optional<IpNetwork> containing;
    // the children of this parent; a set-but-empty inner value means the roots
    std::optional<std::optional<qint64>> parentId;
    std::optional<qint64> excludeId;
    // the addresses assigned to this interface / the networks those addresses belong to
    std::optional<QList<qint64>> addressesOf;
    std::optional<qint64> networksOf;
    QList<QPair<QString, QString>> attributes;
    // Address order (network address, then prefix length) instead of id order.
    bool byAddress = false;
    // With byAddress: longest prefix and highest address first.
    bool descending = false;
    int limit = 1000;
    int offset = 0;
};

class NetworkRepository
{
public:
    explicit NetworkRepository(Database &database)
        : m_database(database)
    {
    }

    // Without attributes: the service loads them for the whole page at once.
    Result<QList<Network>> list(const NetworkFilter &filter);
    Result<qint64> count(const NetworkFilter &filter);
    // The longest network (not a host address) in the site strictly containing `ip` whose
    // prefix is at least `minimumPrefix`, if any (id, site and address only): one index
    // lookup per candidate prefix.
    Result<std::optional<Network>> longestSupernet(const QSqlDatabase &db,
                                                   std::optional<qint64> siteId,
                                                   const IpNetwork &ip, int minimumPrefix = 0);
    Result<qint64> insert(const QSqlDatabase &db, const Network &network);
    Result<void> updateState(const QSqlDatabase &db, qint64 id, const QString &state);
    // Networks inside `network` whose parent was `formerParent` now hang below `network`.
    Result<void> adoptChildren(const QSqlDatabase &db, const Network &network,
                               std::optional<qint64> formerParent);
    Result<void> reparentChildren(const QSqlDatabase &db, qint64 id,
                                  std::optional<qint64> newParent);
    Result<void> remove(const QSqlDatabase &db, qint64 id);

    // For the next-network search: up to `limit` networks inside `parent` (site, version)
    // starting at address `from`, in address order, of at least `minimumPrefix` or, when
    // `directOnly`, the parent's direct children of any prefix.
    struct Occupant
    {
        IpNumber network = 0;
        IpNumber broadcast = 0;
        int prefixLength = 0;
    };
    Result<QList<Occupant>> occupants(const Network &parent, IpNumber from, int minimumPrefix,
                                      bool directOnly, int limit);
    // How many host addresses inside `parent` lie between `first` and `last` inclusive.
    Result<qint64> hostCount(const Network &parent, IpNumber first, IpNumber last);

private:
    Database &m_database;
};

} // namespace Cairn
