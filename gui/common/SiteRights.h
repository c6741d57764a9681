#pragma once

#include "auth/Action.h"
#include "auth/Identity.h"

#include <optional>

namespace Cairn {

class CoreServices;

// What the signed-in user may do in a site (devices, networks and attributes are all guarded
// by their site), to enable actions; the core still checks every call.
class SiteRights
{
public:
    SiteRights(CoreServices &core, const Identity &identity);

    // In `siteId`, or with nullopt in at least one site.
    bool may(std::optional<qint64> siteId, Action action) const;
    const Identity &identity() const { return m_identity; }

private:
    CoreServices &m_core;
    Identity m_identity;
};

} // namespace Cairn
