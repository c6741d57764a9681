#pragma once

#include "Attribute.h"
#include "AttributeRepository.h"
#include "Result.h"
#include "auth/Action.h"
#include "auth/Identity.h"

#include <QHash>
#include <QJsonArray>
#include <optional>

namespace Cairn {

class Database;
class PermissionService;
class SiteService;

// Attribute definitions and the rules every resource's `attributes` must follow.
class AttributeService
{
public:
    AttributeService(Database &database, PermissionService &permissions, SiteService &sites);

    Result<QList<Attribute>> list(const AttributeFilter &filter);
    Result<Attribute> get(qint64 id);
    // Each item an object of fields (`site_id`, else `defaultSite`); all are created or none.
    Result<QList<Attribute>> create(const Identity &caller, const QJsonArray &items,
                                    std::optional<qint64> defaultSite = std::nullopt);
    // PUT (`partial` false) or PATCH of items that each carry their `id`; all or none.
    Result<QList<Attribute>> update(const Identity &caller, const QJsonArray &items, bool partial);
    // All or none; a definition that resources still use refuses (409).
    Result<void> remove(const Identity &caller, const QList<qint64> &ids);

    // Checks a complete attribute dictionary of one resource against the site's definitions:
    // names defined, strings (lists for multi), not empty unless allowed, pattern (anchored at
    // the start), valid values, required ones present. Errors name the "attributes" field.
    static Result<void> validate(const QHash<QString, Attribute> &definitions,
                                 const QJsonObject &values);
    AttributeRepository &repository() { return m_attributes; }

private:
    Result<Attribute> applyFields(Attribute attribute, const QJsonObject &fields, bool creating,
                                  bool partial);
    // A new definition from `fields`, once the caller may add to its site.
    Result<Attribute> prepare(const Identity &caller, QJsonObject fields,
                              std::optional<qint64> defaultSite);
    // Every one of `ids` (NotFound naming the first missing), once `action` is allowed on the
    // site of each.
    Result<QHash<qint64, Attribute>> allowedTargets(const Identity &caller,
                                                    const QList<qint64> &ids, Action action);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeRepository m_attributes;
};

} // namespace Cairn
