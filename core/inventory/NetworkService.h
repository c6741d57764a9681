#pragma once

#include "Network.h"
#include "NetworkRepository.h"
#include "Result.h"
#include "auth/Identity.h"

#include <QJsonArray>

namespace Cairn {

class AttributeRules;
class AttributeService;
class AttributeValueRepository;
class Database;
class PermissionService;
class SiteService;

// IP address management: the network tree of each site (parents always the longest existing
// supernet, children adopted and re-parented as networks come and go), states, and the search
// for free networks and addresses. Bulk writes are atomic.
class NetworkService
{
public:
    NetworkService(Database &database, PermissionService &permissions, SiteService &sites,
                   AttributeService &attributes, AttributeValueRepository &values);

    Result<QList<Network>> list(const NetworkFilter &filter);
    Result<qint64> count(const NetworkFilter &filter);
    // By id, or by CIDR ("10.0.0.0/8"; a bare address is its host network), within `siteId`
    // when given; a CIDR present in several sites is 400.
    Result<Network> get(const QString &key, std::optional<qint64> siteId = std::nullopt);
    Result<QList<qint64>> query(std::optional<qint64> siteId, const QString &setQuery);
    // The longest existing network strictly containing `cidr` (which need not exist) whose
    // prefix is at least `minimumPrefix`.
    Result<Network> closestParent(std::optional<qint64> siteId, const QString &cidr,
                                  int minimumPrefix);
    // Free networks of `prefixLength` (the host prefix for addresses) inside `parent`.
    Result<QList<IpNetwork>> nextNetworks(const Network &parent, int prefixLength, int count,
                                          bool strict);
    // nextNetworks() made real with `state` (allocated or reserved): all or none.
    Result<QList<Network>> allocateNext(const Identity &caller, const Network &parent,
                                        int prefixLength, int count, bool strict,
                                        const QString &state);

    // Each item: `cidr`, or `network_address` + `prefix_length`; optional `state`,
    // `attributes`, `site_id` (else `defaultSite`).
    Result<QList<Network>> create(const Identity &caller, const QJsonArray &items,
                                  std::optional<qint64> defaultSite);
    // Each item carries its `id`; `state` and `attributes` change (the address never does).
    Result<QList<Network>> update(const Identity &caller, const QJsonArray &items, bool partial);
    // A network with children is refused unless `force` (children move to its parent; a root
    // whose children include a leaf cannot go).
    Result<void> remove(const Identity &caller, const QList<qint64> &ids, bool force);

    // For other domains that checked their own rights (interfaces, static networks):
    // The network `ip` of the site as it is, or created with `state` when missing (a host
    // address without a base network is an error naming `field`).
    Result<Network> recorded(const QSqlDatabase &db, const Identity &caller, qint64 siteId,
                             const IpNetwork &ip, const QString &state, const QString &field);
    // The host network of `address` in the site, created or marked assigned.
    Result<Network> assignedAddress(const QSqlDatabase &db, const Identity &caller, qint64 siteId,
                                    const IpNetwork &address);
    // Deletes a network (a host address another domain holds: a machine's lease) with its
    // attributes, its children moving to its parent, and logs it.
    Result<void> removeHeld(const QSqlDatabase &db, const Identity &caller, const Network &network);

private:
    Result<QHash<qint64, Network>> byIds(const QList<qint64> &ids);
    // Places `network` in the tree, stores it (and, given `rules`, its attributes) and logs it.
    // A host address without a base network is an error naming `addressField`.
    Result<Network> insert(const QSqlDatabase &db, const Identity &caller, Network network,
                           AttributeRules *rules, const QString &addressField);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeService &m_attributes;
    AttributeValueRepository &m_values;
    NetworkRepository m_networks;
};

} // namespace Cairn
