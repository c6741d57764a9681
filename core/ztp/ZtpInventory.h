#pragma once

#include "Result.h"
#include "ZtpNode.h"
#include "auth/Identity.h"
#include "inventory/Device.h"

#include <QHash>
#include <QMutex>
#include <functional>

namespace Cairn {

class CircuitService;
class DeviceService;
class InterfaceService;
class SiteService;
class UserService;

// Makes a bootstrapping switch an inventory device, so every face and the GUI see it: serial,
// MAC, model and version on the device, each LLDP neighbor as an interface and, when the
// neighbor is another provisioned switch's device in the same site, a circuit to its port. A
// switch has no credentials: it never adds to or links onto a device that is not a node's
// own. Changes are logged as the user "cairn-ztp", which has no password and cannot sign in.
class ZtpInventory
{
public:
    ZtpInventory(UserService &users, SiteService &sites, DeviceService &devices,
                 InterfaceService &interfaces, CircuitService &circuits, QString siteName);

    // The device's id. `knownDevice` is the device the node became before (it may have been
    // renamed since); otherwise the device named after the node id, or a new one.
    // `isNodeDevice` tells the devices provisioning made or adopted. `address` is where the
    // node registered from: the device is reached there until an operator says otherwise.
    Result<qint64> upsert(const ZtpNode &node, const QString &nodeId, const QString &address,
                          std::optional<qint64> knownDevice,
                          const std::function<bool(qint64)> &isNodeDevice);

private:
    // The inventory's devices named by the node's LLDP neighbors, read once per registration.
    using Neighbors = QHash<QString, std::optional<Device>>;

    Result<Identity> caller();
    Result<qint64> siteId(const Identity &caller);
    Result<std::optional<Device>> byHostname(const QString &hostname);
    // `created`: the device is new (it has no interfaces yet).
    Result<Device> device(const Identity &caller, const ZtpNode &node, const QString &nodeId,
                          const QString &address, std::optional<qint64> knownDevice,
                          const Neighbors &neighbors, bool *created);
    // The device's interface for each LLDP entry, created or described in one write each.
    Result<QHash<QString, qint64>> interfaces(const Identity &caller, const Device &device,
                                              bool isNew, const ZtpNode &node);
    void link(const Identity &caller, qint64 localInterface, const Device &peer,
              const QString &port);

    UserService &m_users;
    SiteService &m_sites;
    DeviceService &m_devices;
    InterfaceService &m_interfaces;
    CircuitService &m_circuits;
    QString m_siteName;
    QMutex m_lock;
    std::optional<Identity> m_caller;
    std::optional<qint64> m_siteId;
};

} // namespace Cairn
