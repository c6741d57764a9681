#include "ZtpInventory.h"

#include "auth/UserService.h"
#include "inventory/CircuitService.h"
#include "inventory/DeviceService.h"
#include "inventory/InterfaceService.h"
#include "inventory/SiteService.h"

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

Result<qint64> ZtpInventory::siteId(const Identity &caller)
{
    if (m_siteId)
        return *m_siteId;
    Result<Site> site = m_sites.get(m_siteName);
    if (!site && site.error().code == ErrorCode::NotFound)
        site = m_sites.create(caller, QJsonObject{{QStringLiteral("name"), m_siteName},
                                                  {QStringLiteral("description"),
                                                   QStringLiteral("Switches that bootstrapped "
                                                                  "through zero-touch "
                                                                  "provisioning")}});
    if (!site)
        return site.error();
    m_siteId = site->id;
    return site->id;
}

Result<qint64> ZtpInventory::device(const Identity &caller, const ZtpNode &node,
                                    const QString &nodeId, std::optional<qint64> knownDevice)
{
    Result<qint64> site = siteId(caller);
    if (!site)
        return site.error();
    QJsonObject facts{{QStringLiteral("model"), node.model},
                      {QStringLiteral("os_version"), node.version},
                      {QStringLiteral("serial_number"), node.serialNumber},
                      {QStringLiteral("mac_address"), macWithColons(node.systemMac)}};
    Result<Device> existing =
        knownDevice ? m_devices.get(QString::number(*knownDevice)) : m_devices.get(nodeId);
    if (!existing && knownDevice)
        existing = m_devices.get(nodeId);
    if (existing) {
        facts.insert(QStringLiteral("id"), existing->id);
        Result<QList<Device>> updated = m_devices.update(caller, QJsonArray{facts}, true);
        if (!updated)
            return updated.error();
        return existing->id;
    }
    if (existing.error().code != ErrorCode::NotFound)
        return existing.error();
    // A new switch joins the site of the first neighbor the inventory knows (so its links
    // can be circuits, which stay within a site), else the ZTP site.
    qint64 newSite = site.value();
    for (const ZtpInterfaceNeighbors &entry : node.neighbors) {
        Result<Device> neighbor = entry.neighbors.isEmpty()
                                      ? Result<Device>(Error::notFound(QString()))
                                      : m_devices.get(entry.neighbors.first().device);
        if (neighbor) {
            newSite = neighbor->siteId;
            break;
        }
    }
    facts.insert(QStringLiteral("hostname"), nodeId);
    facts.insert(QStringLiteral("description"),
                 QStringLiteral("Registered by zero-touch provisioning"));
    Result<QList<Device>> created = m_devices.create(caller, QJsonArray{facts}, newSite);
    if (!created)
        return created.error();
    return created->first().id;
}

Result<qint64> ZtpInventory::interfaceOf(const Identity &caller, qint64 deviceId,
                                         const QString &name, const QString &description)
{
    Result<Device> device = m_devices.get(QString::number(deviceId));
    if (!device)
        return device.error();
    Result<Interface> existing =
        m_interfaces.get(device->hostname + QLatin1Char(':') + name, device->siteId);
    if (existing) {
        if (description.isEmpty() || existing->description == description)
            return existing->id;
        Result<QList<Interface>> updated = m_interfaces.update(
            caller,
            QJsonArray{QJsonObject{{QStringLiteral("id"), existing->id},
                                   {QStringLiteral("description"), description}}},
            true);
        return updated ? Result<qint64>(existing->id) : Result<qint64>(updated.error());
    }
    Result<QList<Interface>> created =
        m_interfaces.create(caller,
                            QJsonArray{QJsonObject{{QStringLiteral("device"), deviceId},
                                                   {QStringLiteral("name"), name},
                                                   {QStringLiteral("description"), description}}},
                            device->siteId);
    if (!created)
        return created.error();
    return created->first().id;
}

void ZtpInventory::link(const Identity &caller, qint64 localInterface, const ZtpNeighbor &neighbor)
{
    // Only to a device the inventory knows by that hostname; otherwise the interface's
    // description is the record of the neighbor.
    Result<Device> peer = m_devices.get(neighbor.device);
    if (!peer)
        return;
    Result<qint64> remote = interfaceOf(caller, peer->id, neighbor.port, QString());
    if (!remote)
        return;
    CircuitFilter linked;
    linked.interfaceId = localInterface;
    Result<QList<Circuit>> circuits = m_circuits.list(linked);
    if (!circuits || !circuits->isEmpty())
        return;
    // Refused (the remote port is in another circuit): the inventory keeps what it has.
    (void)m_circuits.create(caller,
                            QJsonArray{QJsonObject{{QStringLiteral("endpoint_a"), localInterface},
                                                   {QStringLiteral("endpoint_z"), remote.value()}}},
                            peer->siteId);
}

Result<qint64> ZtpInventory::upsert(const ZtpNode &node, const QString &nodeId,
                                    std::optional<qint64> knownDevice)
{
    const QMutexLocker locker(&m_lock);
    Result<Identity> identity = caller();
    if (!identity)
        return identity.error();
    Result<qint64> deviceId = device(identity.value(), node, nodeId, knownDevice);
    if (!deviceId)
        return deviceId;
    for (const ZtpInterfaceNeighbors &entry : node.neighbors) {
        if (entry.neighbors.isEmpty())
            continue;
        const ZtpNeighbor &first = entry.neighbors.first();
        Result<qint64> local =
            interfaceOf(identity.value(), deviceId.value(), entry.interface,
                        QStringLiteral("LLDP: %1 %2").arg(first.device, first.port));
        if (!local)
            return local.error();
        link(identity.value(), local.value(), first);
    }
    return deviceId;
}

} // namespace Cairn
