#include "StaticNetworkIpam.h"

#include "auth/UserService.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"
#include "inventory/AttributeService.h"
#include "inventory/AttributeValueRepository.h"
#include "inventory/ChangeLog.h"
#include "inventory/NetworkService.h"
#include "inventory/SiteGate.h"
#include "inventory/SiteService.h"

#include <QSqlQuery>

namespace Cairn {

namespace {

const QString NetworkResource = QStringLiteral("Network");
const QString LeaserName = QStringLiteral("cairn-virt");

} // namespace

const QString StaticNetworkIpam::MachineAttribute = QStringLiteral("machine");

Result<qint64> StaticNetworkIpam::siteFor(const QString &site, const IpNetwork &cidr)
{
    if (!site.trimmed().isEmpty()) {
        const Result<Site> named = m_services.sites.get(site.trimmed());
        if (!named)
            return Error::invalidField(QStringLiteral("site"),
                                       QStringLiteral("No site %1.").arg(site.trimmed()));
        return named->id;
    }
    NetworkFilter filter;
    filter.exact = cidr;
    const Result<QList<Network>> existing = m_services.networks.list(filter);
    if (!existing)
        return existing.error();
    if (existing->size() == 1)
        return existing->first().siteId;
    if (existing->size() > 1)
        return Error::invalidField(
            QStringLiteral("site"),
            QStringLiteral("%1 is in %2 sites; give the site (name or id) it is in.")
                .arg(cidr.cidr())
                .arg(existing->size()));
    return m_services.sites.defaultSite(QStringLiteral("site"));
}

Result<qint64> StaticNetworkIpam::networkFor(const QSqlDatabase &db, const Identity &caller,
                                             qint64 siteId, const IpNetwork &cidr)
{
    if (cidr.isHost())
        return Error::invalidField(
            QStringLiteral("netmask"),
            QStringLiteral("One address is a host address, not a network; give a shorter prefix."));
    const Result<qint64> existing = recorded(siteId, cidr);
    if (!existing)
        return existing.error();
    SiteGate gate(m_services.sites, m_services.permissions, caller,
                  existing.value() > 0 ? Action::Change : Action::Add);
    const Result<void> allowed = gate.check(siteId);
    if (!allowed)
        return allowed.error();
    const Result<Network> network = m_services.networks.recorded(
        db, caller, siteId, cidr, QStringLiteral("allocated"), QStringLiteral("ip"));
    if (!network)
        return network.error();
    return network->id;
}

Result<QSet<quint32>> StaticNetworkIpam::recordedIn(qint64 siteId, const IpNetwork &cidr)
{
    NetworkFilter filter;
    filter.siteId = siteId;
    filter.within = cidr;
    filter.includeNetworks = false;
    // A hint only (hold() refuses a recorded address anyway): bounded for very large networks.
    filter.limit = int(qMin<IpNumber>(cidr.broadcast() - cidr.network() + 1, 1 << 16));
    const Result<QList<Network>> addresses = m_services.networks.list(filter);
    if (!addresses)
        return addresses.error();
    QSet<quint32> recorded;
    for (const Network &address : addresses.value())
        recorded.insert(quint32(address.ip.network()));
    return recorded;
}

Result<qint64> StaticNetworkIpam::recorded(qint64 siteId, const IpNetwork &ip)
{
    NetworkFilter filter;
    filter.siteId = siteId;
    filter.exact = ip;
    filter.limit = 1;
    return m_services.networks.count(filter);
}

Result<Identity> StaticNetworkIpam::leaser()
{
    const Result<User> user = m_services.users.serviceUser(LeaserName);
    if (!user)
        return user.error();
    // Only in this process: the stored user has no rights and no password.
    Identity identity{user.value(), false};
    identity.user.isSuperuser = true;
    return identity;
}

Result<void> StaticNetworkIpam::markMachine(const QSqlDatabase &db, const Identity &leaser,
                                            Network address, const QString &machineUuid)
{
    AttributeRepository &definitions = m_services.attributes.repository();
    Result<QHash<QString, Attribute>> known =
        definitions.definitions(address.siteId, NetworkResource);
    if (!known)
        return known.error();
    if (!known->contains(MachineAttribute)) {
        if (machineUuid.isEmpty())
            return {};
        Attribute machine;
        machine.siteId = address.siteId;
        machine.resourceName = NetworkResource;
        machine.name = MachineAttribute;
        machine.description =
            QStringLiteral("The virtual machine (uuid) an address is leased to; set by Cairn.");
        const Result<qint64> id = definitions.insert(db, machine);
        if (!id)
            return id.error();
        machine.id = id.value();
        Result<void> logged =
            ChangeLog::record(db, leaser.user.id, address.siteId, QStringLiteral("Create"),
                              QStringLiteral("Attribute"), machine.id, machine.toJson());
        if (!logged)
            return logged;
        known->insert(MachineAttribute, machine);
    }
    const Result<QHash<qint64, QJsonObject>> loaded =
        m_services.values.load(NetworkResource, {address.id});
    if (!loaded)
        return loaded.error();
    address.attributes = loaded->value(address.id);
    if (machineUuid.isEmpty())
        address.attributes.remove(MachineAttribute);
    else if (known->value(MachineAttribute).multi)
        address.attributes.insert(MachineAttribute, QJsonArray{machineUuid});
    else
        address.attributes.insert(MachineAttribute, machineUuid);
    return Transaction::allOf(
        {[&] {
             return m_services.values.replace(db, NetworkResource, address.id, address.attributes,
                                              known.value());
         },
         [&] {
             return ChangeLog::record(db, leaser.user.id, address.siteId, QStringLiteral("Update"),
                                      NetworkResource, address.id, address.toJson());
         }});
}

Result<bool> StaticNetworkIpam::builtOn(const QSqlDatabase &db, const Network &address)
{
    if (address.state != Network::Assigned)
        return true;
    const Result<QHash<qint64, QJsonObject>> loaded =
        m_services.values.load(NetworkResource, {address.id});
    if (!loaded)
        return loaded.error();
    QJsonObject others = loaded->value(address.id);
    others.remove(MachineAttribute);
    if (!others.isEmpty())
        return true;
    const Result<QVariant> assigned = SqlQuery::scalar(
        db, QStringLiteral("SELECT COUNT(*) FROM interface_addresses WHERE network_id = ?"),
        {address.id});
    if (!assigned)
        return assigned.error();
    return assigned->toLongLong() > 0;
}

Result<HeldAddress> StaticNetworkIpam::hold(const QSqlDatabase &db, const Identity &leaser,
                                            qint64 siteId, quint32 address,
                                            const QString &machineUuid, bool onlyNew)
{
    const IpNetwork host(4, address, 32);
    const Result<qint64> existing = recorded(siteId, host);
    if (!existing)
        return existing.error();
    if (onlyNew && existing.value() > 0)
        return Error::conflict(QStringLiteral("IPAM records %1 already.").arg(host.cidr()));
    const Result<Network> assigned = m_services.networks.assignedAddress(db, leaser, siteId, host);
    if (!assigned)
        return assigned.error();
    const Result<void> marked = markMachine(db, leaser, assigned.value(), machineUuid);
    if (!marked)
        return marked.error();
    return HeldAddress{assigned->id, existing.value() == 0};
}

Result<void> StaticNetworkIpam::release(const QSqlDatabase &db, const Identity &leaser,
                                        const HeldAddress &held)
{
    NetworkFilter filter;
    filter.ids = QList<qint64>{held.id};
    filter.limit = 1;
    const Result<QList<Network>> found = m_services.networks.list(filter);
    if (!found)
        return found.error();
    // Gone already (deleted in NSoT once its machine had vanished).
    if (found->isEmpty())
        return {};
    const Network &address = found->first();
    const Result<bool> kept = held.owned ? builtOn(db, address) : Result<bool>(true);
    if (!kept)
        return kept.error();
    if (kept.value())
        return markMachine(db, leaser, address, QString());
    return m_services.networks.removeHeld(db, leaser, address);
}

} // namespace Cairn
