#pragma once

#include "Circuit.h"
#include "CircuitRepository.h"
#include "Result.h"
#include "auth/Identity.h"

#include <QJsonArray>

namespace Cairn {

class AttributeService;
class AttributeValueRepository;
class Database;
class InterfaceService;
class PermissionService;
class SiteService;

// Circuits: two interfaces (the Z side optional), each in at most one circuit; the site is
// the A side's. Bulk writes are atomic.
class CircuitService
{
public:
    CircuitService(Database &database, PermissionService &permissions, SiteService &sites,
                   AttributeService &attributes, AttributeValueRepository &values,
                   InterfaceService &interfaces);

    Result<QList<Circuit>> list(const CircuitFilter &filter);
    Result<qint64> count(const CircuitFilter &filter);
    // By id or name_slug, within `siteId` when given.
    Result<Circuit> get(const QString &key, std::optional<qint64> siteId = std::nullopt);
    Result<QList<qint64>> query(std::optional<qint64> siteId, const QString &setQuery);

    // Each item: `endpoint_a` (interface id or name_slug), optional `endpoint_z`, `name`
    // (default "<a>_<z>"), `attributes`.
    Result<QList<Circuit>> create(const Identity &caller, const QJsonArray &items,
                                  std::optional<qint64> defaultSite);
    Result<QList<Circuit>> update(const Identity &caller, const QJsonArray &items, bool partial);
    Result<void> remove(const Identity &caller, const QList<qint64> &ids);

private:
    Result<Circuit> applyFields(Circuit circuit, const QJsonObject &fields, bool partial,
                                std::optional<qint64> siteId);
    Result<QHash<qint64, Circuit>> byIds(const QList<qint64> &ids);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeService &m_attributes;
    AttributeValueRepository &m_values;
    InterfaceService &m_interfaces;
    CircuitRepository m_circuits;
};

} // namespace Cairn
