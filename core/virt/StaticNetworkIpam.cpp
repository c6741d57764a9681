#include "StaticNetworkIpam.h"

#include "auth/UserService.h"
#include "inventory/AttributeService.h"
#include "inventory/AttributeValueRepository.h"
#include "inventory/ChangeLog.h"
#include "inventory/NetworkService.h"
#include "inventory/SiteService.h"

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
    filter.limit = int(qMin<IpNumber>(cidr.broadcast() - cidr.network() + 1, 1 << 24));
    const Result<QList<Network>> addresses = m_services.networks.list(filter);
    if (!addresses)
        return addresses.error();
    QSet<quint32> recorded;
    for (const Network &address : addresses.value())
        recorded.insert(quint32(address.ip.network()));
    return recorded;
}

Result<Identity> StaticNetworkIpam::leaser()
{
    const Result<User> user = m_services.users.serviceUser(LeaserName);
    if (!user)
        return user.error();
    return Identity{user.value(), false};
}

Result<void> StaticNetworkIpam::markMachine(const QSqlDatabase &db, const Identity &leaser,
                                            qint64 siteId, qint64 addressId,
                                            const QString &machineUuid)
{
    AttributeRepository &definitions = m_services.attributes.repository();
    Result<QHash<QString, Attribute>> known = definitions.definitions(siteId, NetworkResource);
    if (!known)
        return known.error();
    if (!known->contains(MachineAttribute)) {
        if (machineUuid.isEmpty())
            return {};
        Attribute machine;
        machine.siteId = siteId;
        machine.resourceName = NetworkResource;
        machine.name = MachineAttribute;
        machine.description =
            QStringLiteral("The virtual machine (uuid) an address is leased to; set by Cairn.");
        const Result<qint64> id = definitions.insert(db, machine);
        if (!id)
            return id.error();
        machine.id = id.value();
        Result<void> logged =
            ChangeLog::record(db, leaser.user.id, siteId, QStringLiteral("Create"),
                              QStringLiteral("Attribute"), machine.id, machine.toJson());
        if (!logged)
            return logged;
        known->insert(MachineAttribute, machine);
    }
    const Result<QHash<qint64, QJsonObject>> loaded =
        m_services.values.load(NetworkResource, {addressId});
    if (!loaded)
        return loaded.error();
    QJsonObject values = loaded->value(addressId);
    if (machineUuid.isEmpty())
        values.remove(MachineAttribute);
    else if (known->value(MachineAttribute).multi)
        values.insert(MachineAttribute, QJsonArray{machineUuid});
    else
        values.insert(MachineAttribute, machineUuid);
    return m_services.values.replace(db, NetworkResource, addressId, values, known.value());
}

Result<HeldAddress> StaticNetworkIpam::hold(const QSqlDatabase &db, const Identity &leaser,
                                            qint64 siteId, quint32 address,
                                            const QString &machineUuid)
{
    const IpNetwork host(4, address, 32);
    NetworkFilter filter;
    filter.siteId = siteId;
    filter.exact = host;
    filter.limit = 1;
    const Result<qint64> existing = m_services.networks.count(filter);
    if (!existing)
        return existing.error();
    const Result<Network> assigned = m_services.networks.assignedAddress(db, leaser, siteId, host);
    if (!assigned)
        return assigned.error();
    const Result<void> marked = markMachine(db, leaser, siteId, assigned->id, machineUuid);
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
    // Gone already (NSoT refuses to delete it; a database edited by hand may not have).
    if (found->isEmpty())
        return {};
    if (!held.owned)
        return markMachine(db, leaser, found->first().siteId, held.id, QString());
    return m_services.networks.removeHeld(db, leaser, found->first());
}

} // namespace Cairn
