#include "SiteRights.h"

#include "CoreServices.h"

#include <algorithm>

namespace Cairn {

SiteRights::SiteRights(CoreServices &core, const Identity &identity)
    : m_core(core)
    , m_identity(identity)
{
}

bool SiteRights::may(std::optional<qint64> siteId, Action action) const
{
    if (m_identity.readOnly)
        return false;
    if (m_identity.user.isSuperuser)
        return true;
    const auto allowed = [this, action](std::optional<qint64> site) {
        const Result<bool> answer =
            m_core.permissions().isAllowed(m_identity, QStringLiteral("site"), site, action);
        return answer && answer.value();
    };
    if (siteId)
        return allowed(siteId);
    const Result<QList<Site>> sites = m_core.sites().list();
    return sites && std::any_of(sites->cbegin(), sites->cend(),
                                [&allowed](const Site &site) { return allowed(site.id); });
}

} // namespace Cairn
