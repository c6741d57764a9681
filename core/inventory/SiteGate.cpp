#include "SiteGate.h"

#include "SiteService.h"
#include "auth/PermissionService.h"

namespace Cairn {

SiteGate::SiteGate(SiteService &sites, PermissionService &permissions, const Identity &caller,
                   Action action)
    : m_sites(sites)
    , m_permissions(permissions)
    , m_caller(caller)
    , m_action(action)
{
}

Result<void> SiteGate::check(qint64 siteId)
{
    if (m_passed.contains(siteId))
        return {};
    if (!m_sites.get(siteId))
        return Error::invalidField(QStringLiteral("site_id"),
                                   QStringLiteral("Site does not exist."));
    const Result<void> allowed =
        m_permissions.require(m_caller, QStringLiteral("site"), siteId, m_action);
    if (!allowed)
        return allowed.error();
    m_passed.insert(siteId);
    return {};
}

Result<qint64> SiteGate::siteOf(const QJsonObject &fields, std::optional<qint64> defaultSite)
{
    const QJsonValue given = fields.value(QStringLiteral("site_id"));
    std::optional<qint64> siteId = defaultSite;
    if (given.isDouble())
        siteId = qint64(given.toDouble());
    else if (!given.isUndefined() && !given.isNull())
        return Error::invalidField(QStringLiteral("site_id"),
                                   QStringLiteral("A valid integer is required."));
    if (!siteId)
        return Error::invalidField(QStringLiteral("site_id"),
                                   QStringLiteral("This field is required."));
    const Result<void> checked = check(*siteId);
    if (!checked)
        return checked.error();
    return *siteId;
}

} // namespace Cairn
