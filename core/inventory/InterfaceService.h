#pragma once

#include "Interface.h"
#include "InterfaceRepository.h"
#include "Result.h"
#include "auth/Identity.h"

#include <QJsonArray>

namespace Cairn {

class AttributeService;
class AttributeValueRepository;
class Database;
class DeviceService;
class NetworkService;
class PermissionService;
class SiteService;

// Interfaces of devices: names unique per device, parents on the same device, host addresses
// assigned (their host networks created as assigned when missing). Bulk writes are atomic.
class InterfaceService
{
public:
    InterfaceService(Database &database, PermissionService &permissions, SiteService &sites,
                     AttributeService &attributes, AttributeValueRepository &values,
                     DeviceService &devices, NetworkService &networks);

    Result<QList<Interface>> list(const InterfaceFilter &filter);
    Result<qint64> count(const InterfaceFilter &filter);
    // By id, or by name_slug ("hostname:name"), within `siteId` when given.
    Result<Interface> get(const QString &key, std::optional<qint64> siteId = std::nullopt);
    Result<QList<qint64>> query(std::optional<qint64> siteId, const QString &setQuery);
    Result<QList<Assignment>> assignments(const QList<qint64> &interfaceIds);
    Result<QList<Assignment>> assignmentsOfAddress(qint64 networkId);

    // Each item: `device` (id or hostname) and `name`; optional description, type,
    // mac_address, speed, parent_id (id or name_slug), addresses (host CIDRs), attributes.
    Result<QList<Interface>> create(const Identity &caller, const QJsonArray &items,
                                    std::optional<qint64> defaultSite);
    // Each item carries its `id`; the device never changes. `addresses`, when given, becomes
    // the whole list (a PUT must give it).
    Result<QList<Interface>> update(const Identity &caller, const QJsonArray &items, bool partial);
    // One more host address on the interface, the others left as they are (whoever changed
    // them meanwhile): the desktop's "assign to interface".
    Result<Interface> addAddress(const Identity &caller, qint64 interfaceId,
                                 const QString &address);
    // An interface with child interfaces is refused (409).
    Result<void> remove(const Identity &caller, const QList<qint64> &ids);

private:
    Result<void> attachDetails(QList<Interface> &interfaces);
    Result<Interface> applyFields(Interface interface, const QJsonObject &fields, bool partial);
    // The network of a host address given for `interface` (made as assigned when missing).
    Result<qint64> addressNetwork(const QSqlDatabase &db, const Identity &caller,
                                  const Interface &interface, const QJsonValue &address);
    Result<void> assignAddress(const QSqlDatabase &db, const Interface &interface,
                               qint64 networkId);
    Result<void> readAddresses(Interface &interface);
    Result<void> setAddresses(const QSqlDatabase &db, const Identity &caller, Interface &interface,
                              const QJsonValue &addresses);
    Result<QHash<qint64, Interface>> byIds(const QList<qint64> &ids);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeService &m_attributes;
    AttributeValueRepository &m_values;
    DeviceService &m_devices;
    NetworkService &m_networks;
    InterfaceRepository m_interfaces;
};

} // namespace Cairn
