#pragma once

#include "Attribute.h"
#include "AttributeRepository.h"
#include "Result.h"
#include "auth/Identity.h"

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
    Result<Attribute> create(const Identity &caller, const QJsonObject &fields);
    Result<Attribute> update(const Identity &caller, qint64 id, const QJsonObject &fields,
                             bool partial);
    Result<Attribute> remove(const Identity &caller, qint64 id);

    // Checks a complete attribute dictionary of one resource against the site's definitions:
    // names defined, strings (lists for multi), not empty unless allowed, pattern (anchored at
    // the start), valid values, required ones present. Errors name the "attributes" field.
    static Result<void> validate(const QHash<QString, Attribute> &definitions,
                                 const QJsonObject &values);
    AttributeRepository &repository() { return m_attributes; }

private:
    Result<Attribute> applyFields(Attribute attribute, const QJsonObject &fields, bool creating,
                                  bool partial);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeRepository m_attributes;
};

} // namespace Cairn
