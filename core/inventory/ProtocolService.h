#pragma once

#include "ProtocolRepository.h"
#include "Result.h"
#include "auth/Identity.h"

#include <QJsonArray>

namespace Cairn {

class AttributeService;
class AttributeValueRepository;
class CircuitService;
class Database;
class DeviceService;
class InterfaceService;
class PermissionService;
class ProtocolTypeService;
class ServerKey;
class SiteService;

// Protocols on devices: the type from the device's site, the interface on the same device,
// the circuit ending on it, and the type's required attributes enforced.
class ProtocolService
{
public:
    struct Related
    {
        DeviceService &devices;
        InterfaceService &interfaces;
        CircuitService &circuits;
        ProtocolTypeService &types;
    };

    ProtocolService(Database &database, PermissionService &permissions, SiteService &sites,
                    AttributeService &attributes, AttributeValueRepository &values,
                    const Related &related, const ServerKey &serverKey);

    Result<QList<Protocol>> list(const ProtocolFilter &filter);
    Result<qint64> count(const ProtocolFilter &filter);
    Result<Protocol> get(const QString &key, std::optional<qint64> siteId = std::nullopt);
    Result<QList<qint64>> query(std::optional<qint64> siteId, const QString &setQuery);

    // Each item: `device` (hostname or id) and `type` (name or id); optional `interface`,
    // `circuit` (name_slug or id), `description`, `auth_string`, `attributes`.
    Result<QList<Protocol>> create(const Identity &caller, const QJsonArray &items,
                                   std::optional<qint64> defaultSite);
    Result<QList<Protocol>> update(const Identity &caller, const QJsonArray &items, bool partial);
    Result<void> remove(const Identity &caller, const QList<qint64> &ids);

private:
    Result<Protocol> applyFields(Protocol protocol, const QJsonObject &fields, bool partial,
                                 std::optional<qint64> siteId, QStringList *requiredAttributes);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeService &m_attributes;
    AttributeValueRepository &m_values;
    Related m_related;
    ProtocolRepository m_protocols;
};

} // namespace Cairn
