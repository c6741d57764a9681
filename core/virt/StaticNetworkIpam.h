#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "net/IpNetwork.h"

#include <QSet>
#include <QSqlDatabase>

namespace Cairn {

class AttributeService;
class AttributeValueRepository;
class NetworkService;
class SiteService;
class UserService;

// What static networks keep in the IPAM tree.
struct IpamServices
{
    UserService &users;
    SiteService &sites;
    NetworkService &networks;
    AttributeService &attributes;
    AttributeValueRepository &values;
};

// A host address a lease holds in IPAM, and whether the lease made it (releasing deletes it) or
// found it recorded (releasing leaves it, without the machine).
struct HeldAddress
{
    qint64 id = 0;
    bool owned = false;
};

// Static networks as IPAM networks: each is a network of a site's tree, and each address leased
// from it a host address there, assigned, with the attribute machine=<uuid>, so NSoT's
// clients, set queries and next_address see what machines hold. The callers have checked their
// own rights (on the static network, on the machine); the IPAM writes need none.
class StaticNetworkIpam
{
public:
    // The attribute that names the machine holding an address.
    static const QString MachineAttribute;

    explicit StaticNetworkIpam(IpamServices services)
        : m_services(services)
    {
    }

    // The site a new static network belongs to: `site` (a name or id) when given, else the one
    // site whose tree has `cidr` already, else the default site. Errors name `site`.
    Result<qint64> siteFor(const QString &site, const IpNetwork &cidr);
    // The network `cidr` of the site, made (allocated) when missing.
    Result<qint64> networkFor(const QSqlDatabase &db, const Identity &caller, qint64 siteId,
                              const IpNetwork &cidr);
    // The host addresses IPAM records inside `cidr`: a lease must not take one.
    Result<QSet<quint32>> recordedIn(qint64 siteId, const IpNetwork &cidr);
    // Who IPAM's change log shows for what leases do (the machine's caller is not known to a
    // lease made in a background job) and for what the start fills in. Made on first use, so
    // ask before a transaction begins.
    Result<Identity> leaser();
    // `address` as an assigned host address of the site, marked as the machine's; `leaser`
    // is leaser().
    Result<HeldAddress> hold(const QSqlDatabase &db, const Identity &leaser, qint64 siteId,
                             quint32 address, const QString &machineUuid);
    // Undoes hold(): deletes the address the lease made, or takes the machine off one it found.
    Result<void> release(const QSqlDatabase &db, const Identity &leaser, const HeldAddress &held);

private:
    // The address's attributes with the machine set (or, when `machineUuid` is empty, removed).
    Result<void> markMachine(const QSqlDatabase &db, const Identity &leaser, qint64 siteId,
                             qint64 addressId, const QString &machineUuid);

    IpamServices m_services;
};

} // namespace Cairn
