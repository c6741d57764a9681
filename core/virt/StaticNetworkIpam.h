#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "inventory/Network.h"
#include "net/IpNetwork.h"

#include <QSet>
#include <QSqlDatabase>

namespace Cairn {

class AttributeService;
class AttributeValueRepository;
class NetworkService;
class PermissionService;
class SiteService;
class UserService;

// What static networks keep in the IPAM tree.
struct IpamServices
{
    UserService &users;
    PermissionService &permissions;
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
// clients, set queries and next_address see what machines hold. Making a static network needs
// the caller's rights on the site too (add for a new IPAM network, change to adopt one); leases
// and releases follow from rights on the machine and are written as the service user.
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
    // The network `cidr` of the site, made (allocated) when missing: the caller needs add on
    // the site to make it, change to adopt it. A host address is not a network (400 on ip).
    Result<qint64> networkFor(const QSqlDatabase &db, const Identity &caller, qint64 siteId,
                              const IpNetwork &cidr);
    // The host addresses IPAM records inside `cidr`: a lease must not take one.
    Result<QSet<quint32>> recordedIn(qint64 siteId, const IpNetwork &cidr);
    // Who IPAM's change log shows for what leases do (the machine's caller is not known to a
    // lease made in a background job) and for what the start fills in. Made on first use, so
    // ask before a transaction begins.
    Result<Identity> leaser();
    // `address` as an assigned host address of the site, marked as the machine's; `leaser`
    // is leaser(). With `onlyNew`, an address IPAM records already is a Conflict (a new lease
    // takes another); without, it is taken over (a machine claiming the address it uses).
    Result<HeldAddress> hold(const QSqlDatabase &db, const Identity &leaser, qint64 siteId,
                             quint32 address, const QString &machineUuid, bool onlyNew);
    // Undoes hold(): deletes the address the lease made, unless someone has built on it since
    // (other attributes, another state, an interface), else takes the machine off it.
    Result<void> release(const QSqlDatabase &db, const Identity &leaser, const HeldAddress &held);

private:
    // Whether the site's tree has exactly `ip` (1) or not (0).
    Result<qint64> recorded(qint64 siteId, const IpNetwork &ip);
    // The address's attributes with the machine set (or, when `machineUuid` is empty, removed),
    // logged as an update so NSoT's readers (and caches) see it.
    Result<void> markMachine(const QSqlDatabase &db, const Identity &leaser, Network address,
                             const QString &machineUuid);
    // Whether anything but the lease shaped the address: it stays when the lease goes.
    Result<bool> builtOn(const QSqlDatabase &db, const Network &address);

    IpamServices m_services;
};

} // namespace Cairn
