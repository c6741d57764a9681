#pragma once

#include "LinkRepository.h"
#include "Result.h"
#include "SaveReport.h"
#include "auth/Action.h"
#include "auth/Identity.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Cairn {

class Database;
class DeviceService;
class PermissionService;

// eNMS links over the inventory's devices: named uniquely, saved by name, their endpoints by
// device name. Making or changing a link needs `change` on the sites of both its devices (the old
// ones and the new), deleting it `delete` there; anyone signed in may read them.
class AutomationLinks
{
public:
    AutomationLinks(Database &database, DeviceService &devices, PermissionService &permissions)
        : m_database(database)
        , m_links(database)
        , m_devices(devices)
        , m_permissions(permissions)
    {
    }

    Result<QJsonObject> link(const QString &name);
    // The link as it was.
    Result<QJsonObject> removeLink(const Identity &caller, const QString &name);
    // Each object on its own: created when its `name` is new (with `source_name` and
    // `destination_name`), else updated with what it gives (`new_name` renames).
    SaveReport saveLinks(const Identity &caller, const QJsonArray &objects);
    // The same, saying what became of each object, by position: its name as saved, or why it
    // was refused.
    QList<Result<QString>> saveTogether(const Identity &caller, const QJsonArray &objects);
    Result<QJsonArray> queryLinks(const QList<QPair<QString, QString>> &equal);

private:
    // What saving links reads (links and devices by name, devices' sites, the caller's
    // rights), read for a whole list at once and kept as each link is saved: a list of 200,000
    // links costs a few queries and one write each, not six queries each.
    struct Lookups;
    Result<Lookups> lookupsFor(const QJsonArray &objects);
    Result<Link> byName(const QString &name);
    Result<QString> saveLink(const Identity &caller, const QJsonValue &object, Lookups &lookups);
    // The link `object` asks for, checked (names, endpoints, the caller's rights), not yet
    // written; id 0 for a new one.
    Result<Link> prepared(const Identity &caller, const QJsonValue &object, Lookups &lookups);
    // Writes the link `name` became, in its own savepoint.
    Result<QString> written(const QString &name, Link link, Lookups &lookups);
    // The device a link end names (`field`: source_name or destination_name).
    Result<qint64> endpoint(const QString &field, const QJsonValue &name, Lookups &lookups);
    // `action` (change, delete) on the sites of both the link's devices.
    Result<void> mayAct(const Identity &caller, const Link &link, Action action, Lookups &lookups);

    Database &m_database;
    LinkRepository m_links;
    DeviceService &m_devices;
    PermissionService &m_permissions;
};

} // namespace Cairn
