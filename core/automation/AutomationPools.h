#pragma once

#include "PoolRepository.h"
#include "Result.h"
#include "SaveReport.h"
#include "auth/Identity.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Cairn {

class AutomationInventory;
class AutomationLinks;
class PermissionService;

// eNMS pools. A pool's members are worked out when it is read (rules evaluated over the
// devices and links as they are), so they are never stale and `update_all_pools` has nothing
// left to do. Making, changing and deleting one need `add`, `change` and `delete` on the pool
// type; reading, to be signed in.
class AutomationPools
{
public:
    static constexpr const char *ObjectType = "pool";

    AutomationPools(Database &database, AutomationInventory &devices, AutomationLinks &links,
                    PermissionService &permissions)
        : m_pools(database)
        , m_devices(devices)
        , m_links(links)
        , m_permissions(permissions)
    {
    }

    Result<QJsonObject> pool(const QString &name);
    Result<QJsonObject> removePool(const Identity &caller, const QString &name);
    // Each on its own, by name: `manually_defined` with `devices` and `links` (names), or rules
    // (`device_vendor`, `device_vendor_match`...); `new_name` renames.
    SaveReport savePools(const Identity &caller, const QJsonArray &objects);
    Result<QJsonArray> queryPools(const QList<QPair<QString, QString>> &equal);
    // The member devices (ids, each once) of the pools named in `names` and of those with `ids`;
    // a name no pool has is told in `problems`.
    Result<QList<qint64>> memberDevices(const QStringList &names, const QList<qint64> &ids,
                                        QStringList &problems);
    // The member devices (ids) of each pool of `ids`, from one read of the devices.
    Result<QHash<qint64, QList<qint64>>> membersByPool(const QList<qint64> &ids);

private:
    // What the pool shows: its fields, its rules and its members (names).
    struct Everything;
    // The devices with what the rules of `pools` read; with `onlyMembers`, those a single
    // pool's rules may match (its devices, not every device's name).
    Result<Everything> everything(const QList<Pool> &pools, bool onlyMembers = false);
    static QJsonObject shown(const Pool &pool, const Everything &all);
    Result<QString> savePool(const Identity &caller, const QJsonValue &object,
                             const Everything &all);

    PoolRepository m_pools;
    AutomationInventory &m_devices;
    AutomationLinks &m_links;
    PermissionService &m_permissions;
};

} // namespace Cairn
