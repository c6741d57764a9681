#include "ZtpInventory.h"

#include "auth/UserService.h"
#include "inventory/CircuitService.h"
#include "inventory/DeviceService.h"
#include "inventory/InterfaceService.h"
#include "inventory/SiteService.h"

#include <QHostAddress>
#include <QJsonArray>

namespace Cairn {

namespace {

const QString ServiceUser = QStringLiteral("cairn-ztp");

QString macWithColons(const QString &mac)
{
    const QString plain = ZtpNode::normalizedMac(mac);
    if (plain.size() != 12)
        return QString();
    QStringList pairs;
    for (int i = 0; i < 12; i += 2)
        pairs << plain.mid(i, 2);
    return pairs.join(QLatin1Char(':'));
}

// An IPv4 peer seen through a dual-stack listener (::ffff:192.0.2.7) as the switch knows itself.
QString plainAddress(const QString &address)
{
    const QHostAddress host(address);
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : host.toString();
}

} // namespace

ZtpInventory::ZtpInventory(UserService &users, SiteService &sites, DeviceService &devices,
                           InterfaceService &interfaces, CircuitService &circuits, QString siteName)
    : m_users(users)
    , m_sites(sites)
    , m_devices(devices)
    , m_interfaces(interfaces)
    , m_circuits(circuits)
    , m_siteName(std::move(siteName))
{
}

Result<Identity> ZtpInventory::caller()
{
    if (m_caller)
        return *m_caller;
    Result<User> user = m_users.serviceUser(ServiceUser);
    if (!user)
        return user.error();
    // Only in this process: the stored user has no rights and no password.
    Identity identity{user.value(), false};
    identity.user.isSuperuser = true;
    m_caller = identity;
    return identity;
}

Result<std::optional<Device>> ZtpInventory::byHostname(const QString &hostname)
{
    // By name only (a lookup by key would take "42" for an id), and only when one site has it.
    DeviceFilter filter;
    filter.hostname = hostname;
    filter.limit = 2;
    Result<QList<Device>> found = m_devices.list(filter);
    if (!found)
        return found.error();
    return found->size() == 1 ? std::optional<Device>(found->first()) : std::nullopt;
}

Result<qint64> ZtpInventory::siteId(const Identity &caller)
{
    if (m_siteId)
        return *m_siteId;
    Result<Site> site = m_sites.get(m_siteName);
    if (!site && site.error().code == ErrorCode::NotFound) {
        const Result<QList<Site>> created = m_sites.create(
            caller,
            QJsonArray{QJsonObject{{QStringLiteral("name"), m_siteName},
                                   {QStringLiteral("description"),
                                    QStringLiteral("Switches that bootstrapped through zero-touch "
                                                   "provisioning")}}});
        site = created ? Result<Site>(created->first()) : Result<Site>(created.error());
    }
    if (!site)
        return site.error();
    m_siteId = site->id;
    return site->id;
}

Result<Device> ZtpInventory::device(const Identity &caller, const ZtpNode &node,
                                    const QString &nodeId, const QString &address,
                                    std::optional<qint64> knownDevice, const Neighbors &neighbors,
                                    bool *created)
{
    *created = false;
    QJsonObject facts{{QStringLiteral("model"), node.model},
                      {QStringLiteral("os_version"), node.version},
                      {QStringLiteral("serial_number"), node.serialNumber},
                      {QStringLiteral("mac_address"), macWithColons(node.systemMac)}};
    // A new switch is reachable as soon as it is provisioned: ZTPServer's switches run EOS (the
    // bootstrap client speaks eAPI), at the address they registered from. Only new devices: an
    // unauthenticated registration must not choose where an operator's staged device (and the
    // credentials sent to it) points.
    const QJsonObject reachable{{QStringLiteral("platform"), QStringLiteral("arista_eos")},
                                {QStringLiteral("vendor"), QStringLiteral("Arista")},
                                {QStringLiteral("ip_address"), plainAddress(address)}};
    // The device this node became before; else one an operator staged for it: named after the
    // node and holding its serial number. Never a device the switch merely names: it has no
    // credentials, so its word must not change an existing router.
    Result<Device> existing = knownDevice ? m_devices.get(QString::number(*knownDevice))
                                          : Result<Device>(Error::notFound(QString()));
    if (!existing) {
        Result<std::optional<Device>> staged = byHostname(nodeId);
        if (!staged)
            return staged.error();
        const std::optional<Device> &candidate = staged.value();
        if (candidate && !node.serialNumber.isEmpty() &&
            candidate->serialNumber == node.serialNumber)
            existing = *candidate;
    }
    if (existing) {
        facts.insert(QStringLiteral("id"), existing->id);
        Result<QList<Device>> updated = m_devices.update(caller, QJsonArray{facts}, true);
        if (!updated)
            return updated.error();
        return updated->first();
    }
    // A new switch joins the site of the first neighbor the inventory knows (so its links
    // can be circuits, which stay within a site), else the ZTP site.
    std::optional<qint64> site;
    for (const ZtpInterfaceNeighbors &entry : node.neighbors) {
        const std::optional<Device> neighbor =
            entry.neighbors.isEmpty() ? std::nullopt
                                      : neighbors.value(entry.neighbors.first().device);
        if (neighbor) {
            site = neighbor->siteId;
            break;
        }
    }
    if (!site) {
        Result<qint64> ztpSite = siteId(caller);
        if (!ztpSite)
            return ztpSite.error();
        site = ztpSite.value();
    }
    for (auto it = reachable.begin(); it != reachable.end(); ++it)
        facts.insert(it.key(), it.value());
    facts.insert(QStringLiteral("hostname"), nodeId);
    facts.insert(QStringLiteral("description"),
                 QStringLiteral("Registered by zero-touch provisioning"));
    Result<QList<Device>> made = m_devices.create(caller, QJsonArray{facts}, *site);
    if (!made) {
        // The ZTP site may have been deleted since: look it up again next time.
        m_siteId.reset();
        return made.error();
    }
    *created = true;
    return made->first();
}

Result<QHash<QString, qint64>> ZtpInventory::interfaces(const Identity &caller,
                                                        const Device &device, bool isNew,
                                                        const ZtpNode &node)
{
    InterfaceFilter filter;
    filter.deviceId = device.id;
    filter.limit = 100000;
    Result<QList<Interface>> existing = isNew ? QList<Interface>() : m_interfaces.list(filter);
    if (!existing)
        return existing.error();
    QHash<QString, qint64> ids;
    QHash<QString, QString> descriptions;
    for (const Interface &interface : existing.value()) {
        ids.insert(interface.name, interface.id);
        descriptions.insert(interface.name, interface.description);
    }
    QJsonArray missing;
    QJsonArray described;
    for (const ZtpInterfaceNeighbors &entry : node.neighbors) {
        if (entry.neighbors.isEmpty())
            continue;
        const ZtpNeighbor &first = entry.neighbors.first();
        const QString description = QStringLiteral("LLDP: %1 %2").arg(first.device, first.port);
        if (!ids.contains(entry.interface))
            missing.append(QJsonObject{{QStringLiteral("device"), device.id},
                                       {QStringLiteral("name"), entry.interface},
                                       {QStringLiteral("description"), description}});
        else if (descriptions.value(entry.interface) != description)
            described.append(QJsonObject{{QStringLiteral("id"), ids.value(entry.interface)},
                                         {QStringLiteral("description"), description}});
    }
    if (!described.isEmpty()) {
        Result<QList<Interface>> updated = m_interfaces.update(caller, described, true);
        if (!updated)
            return updated.error();
    }
    if (!missing.isEmpty()) {
        Result<QList<Interface>> created = m_interfaces.create(caller, missing, device.siteId);
        if (!created)
            return created.error();
        for (const Interface &interface : created.value())
            ids.insert(interface.name, interface.id);
    }
    return ids;
}

void ZtpInventory::link(const Identity &caller, qint64 localInterface, const Device &peer,
                        const QString &port)
{
    CircuitFilter linked;
    linked.interfaceId = localInterface;
    Result<QList<Circuit>> circuits = m_circuits.list(linked);
    if (!circuits || !circuits->isEmpty())
        return;
    // Only to a port the inventory already has: the peer's ports are its own to declare.
    const Result<Interface> remote =
        m_interfaces.get(peer.hostname + QLatin1Char(':') + port, peer.siteId);
    if (!remote)
        return;
    // Refused (the remote port is in another circuit): the inventory keeps what it has.
    (void)m_circuits.create(caller,
                            QJsonArray{QJsonObject{{QStringLiteral("endpoint_a"), localInterface},
                                                   {QStringLiteral("endpoint_z"), remote->id}}},
                            peer.siteId);
}

Result<qint64> ZtpInventory::upsert(const ZtpNode &node, const QString &nodeId,
                                    const QString &address, std::optional<qint64> knownDevice,
                                    const std::function<bool(qint64)> &isNodeDevice)
{
    const QMutexLocker locker(&m_lock);
    Result<Identity> identity = caller();
    if (!identity)
        return identity.error();
    Neighbors neighbors;
    for (const ZtpInterfaceNeighbors &entry : node.neighbors) {
        if (entry.neighbors.isEmpty() || neighbors.contains(entry.neighbors.first().device))
            continue;
        const QString hostname = entry.neighbors.first().device;
        Result<std::optional<Device>> known = byHostname(hostname);
        neighbors.insert(hostname, known ? known.value() : std::nullopt);
    }
    bool created = false;
    Result<Device> device =
        this->device(identity.value(), node, nodeId, address, knownDevice, neighbors, &created);
    if (!device)
        return device.error();
    Result<QHash<QString, qint64>> interfaceIds =
        interfaces(identity.value(), device.value(), created, node);
    if (!interfaceIds)
        return interfaceIds.error();
    for (const ZtpInterfaceNeighbors &entry : node.neighbors) {
        if (entry.neighbors.isEmpty())
            continue;
        const ZtpNeighbor &first = entry.neighbors.first();
        const std::optional<Device> peer = neighbors.value(first.device);
        // Only to another node's device in the same site (circuits stay in one): a port of an
        // operator's device is not for an unauthenticated switch to take. Otherwise the
        // interface's description is the record of the neighbor.
        if (peer && peer->siteId == device->siteId && peer->id != device->id &&
            isNodeDevice(peer->id))
            link(identity.value(), interfaceIds->value(entry.interface), *peer, first.port);
    }
    return device->id;
}

} // namespace Cairn
