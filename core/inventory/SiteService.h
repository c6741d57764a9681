#pragma once

#include "Result.h"
#include "Site.h"
#include "SiteRepository.h"
#include "auth/Action.h"
#include "auth/Identity.h"

#include <QHash>
#include <QJsonArray>
#include <QList>

namespace Cairn {

class Database;
class PermissionService;

// Sites: the top of the inventory. Anyone signed in may read them and create one (and then
// administers it, as in NSoT); changing or deleting needs that site's permission.
class SiteService
{
public:
    static constexpr const char *ObjectType = "site";

    SiteService(Database &database, PermissionService &permissions);

    Result<QList<Site>> list(const QString &name = {});
    // By id, or by name when `key` is not all digits.
    Result<Site> get(const QString &key);
    Result<Site> get(qint64 id);
    // Where an object that names no site goes (faces without sites: eNMS, Enomalism): the site
    // named Default, else the only site. Otherwise a 400 on `field` listing the sites.
    Result<qint64> defaultSite(const QString &field);
    // Each item an object of fields; all are created or none.
    Result<QList<Site>> create(const Identity &caller, const QJsonArray &items);
    // PUT (`partial` false: omitted optional fields revert) or PATCH of items that each carry
    // their `id`; all or none.
    Result<QList<Site>> update(const Identity &caller, const QJsonArray &items, bool partial);
    // All or none; a site that still has attributes or devices refuses (409).
    Result<void> remove(const Identity &caller, const QList<qint64> &ids);

private:
    Result<Site> applyFields(Site site, const QJsonObject &fields, bool partial);
    // Every one of `ids` (NotFound naming the first missing), once `action` is allowed on each.
    Result<QHash<qint64, Site>> allowedTargets(const Identity &caller, const QList<qint64> &ids,
                                               Action action);

    Database &m_database;
    PermissionService &m_permissions;
    SiteRepository m_sites;
};

} // namespace Cairn
