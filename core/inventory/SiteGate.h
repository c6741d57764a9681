#pragma once

#include "Result.h"
#include "auth/Action.h"
#include "auth/Identity.h"

#include <QJsonObject>
#include <QSet>

namespace Cairn {

class PermissionService;
class SiteService;

// The site check of one bulk write: each site an item names must exist and allow the
// caller's action. Asked once per site, however many items share it.
class SiteGate
{
public:
    SiteGate(SiteService &sites, PermissionService &permissions, const Identity &caller,
             Action action);

    Result<void> check(qint64 siteId);
    // The item's `site_id`, else `defaultSite` (nested routes, faces without sites), checked.
    Result<qint64> siteOf(const QJsonObject &fields, std::optional<qint64> defaultSite);

private:
    SiteService &m_sites;
    PermissionService &m_permissions;
    const Identity &m_caller;
    Action m_action;
    QSet<qint64> m_passed;
};

} // namespace Cairn
