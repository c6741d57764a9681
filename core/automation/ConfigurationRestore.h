#pragma once

#include "Result.h"
#include "auth/Identity.h"

#include <QJsonObject>

namespace Cairn {

class ConfigurationHistory;
class DeviceService;
class DeviceTexts;
class PermissionService;
class SiteService;

// eNMS's get_git_content and update_database_configurations_from_git: the texts of the
// configuration history's last commit put back on the devices they belong to (by site and
// hostname), e.g. on a server whose database is new. Superusers only (it reads every device's
// history and rewrites devices everywhere).
class ConfigurationRestore
{
public:
    ConfigurationRestore(ConfigurationHistory &history, DeviceTexts &texts, DeviceService &devices,
                         SiteService &sites, PermissionService &permissions)
        : m_history(history)
        , m_texts(texts)
        , m_devices(devices)
        , m_sites(sites)
        , m_permissions(permissions)
    {
    }

    // {restored: n, unknown: ["site/hostname"...] (no such device), refused: [...] (not allowed)}.
    Result<QJsonObject> restore(const Identity &caller);

private:
    ConfigurationHistory &m_history;
    DeviceTexts &m_texts;
    DeviceService &m_devices;
    SiteService &m_sites;
    PermissionService &m_permissions;
};

} // namespace Cairn
