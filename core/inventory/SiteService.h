#pragma once

#include "Result.h"
#include "Site.h"
#include "SiteRepository.h"
#include "auth/Identity.h"

#include <QList>

namespace Cairn {

class Database;
class PermissionService;

// Sites: the top of the inventory. Anyone signed in may read them and create one (and then
// administers it, as in NSoT); changing or deleting needs that site's permission.
class SiteService
{
public:
    SiteService(Database &database, PermissionService &permissions);

    Result<QList<Site>> list(const QString &name = {});
    // By id, or by name when `key` is not all digits.
    Result<Site> get(const QString &key);
    Result<Site> get(qint64 id);
    Result<Site> create(const Identity &caller, const QJsonObject &fields);
    // PUT (`partial` false: omitted optional fields revert) or PATCH.
    Result<Site> update(const Identity &caller, qint64 id, const QJsonObject &fields, bool partial);
    Result<Site> remove(const Identity &caller, qint64 id);

private:
    Result<Site> applyFields(Site site, const QJsonObject &fields, bool partial);

    Database &m_database;
    PermissionService &m_permissions;
    SiteRepository m_sites;
};

} // namespace Cairn
