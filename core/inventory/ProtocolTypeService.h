#pragma once

#include "ProtocolTypeRepository.h"
#include "Result.h"
#include "auth/Identity.h"

#include <QJsonArray>

namespace Cairn {

class AttributeService;
class Database;
class PermissionService;
class SiteService;

// Protocol types: names unique per site (at most 16 characters), required attributes that
// must be Protocol attributes of the same site.
class ProtocolTypeService
{
public:
    ProtocolTypeService(Database &database, PermissionService &permissions, SiteService &sites,
                        AttributeService &attributes);

    Result<QList<ProtocolType>> list(const ProtocolTypeFilter &filter);
    Result<qint64> count(const ProtocolTypeFilter &filter);
    // By id or name, within `siteId` when given.
    Result<ProtocolType> get(const QString &key, std::optional<qint64> siteId = std::nullopt);

    // Each item: `name`, optional `description`, `required_attributes` (names or ids), and
    // `site`/`site_id` (else `defaultSite`).
    Result<QList<ProtocolType>> create(const Identity &caller, const QJsonArray &items,
                                       std::optional<qint64> defaultSite);
    Result<QList<ProtocolType>> update(const Identity &caller, const QJsonArray &items,
                                       bool partial);
    // A type still used by protocols is refused (409).
    Result<void> remove(const Identity &caller, const QList<qint64> &ids);

private:
    Result<ProtocolType> applyFields(ProtocolType type, const QJsonObject &fields, bool partial);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeService &m_attributes;
    ProtocolTypeRepository m_types;
};

} // namespace Cairn
