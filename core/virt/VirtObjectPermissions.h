#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "auth/Permission.h"

namespace Cairn {

class AccountAdministration;
class Database;
class PermissionService;

// One of the control plane's objects, found by uuid.
struct VirtObject
{
    // machine, hypervisor, cluster, network or package.
    QString type;
    qint64 id = 0;
    QString uuid;
    QString name;
};

// Object permissions on the control plane's objects (the Enomalism face's section 4): who may
// view, change, control, delete or administer one machine, hypervisor, cluster, network or
// package. Listing and changing them needs `admin` on the object.
class VirtObjectPermissions
{
public:
    VirtObjectPermissions(Database &database, PermissionService &permissions,
                          AccountAdministration &accounts);

    // NotFound naming the uuid.
    Result<VirtObject> resolve(const QString &uuid);
    Result<std::pair<VirtObject, QList<Permission>>> list(const Identity &caller,
                                                          const QString &uuid);
    // `holder` is a user (username or id) or, when `toGroup`, a group (name or id);
    // `permission` one of view, change, control, delete, admin. Granting twice is one grant.
    Result<Permission> grant(const Identity &caller, const QString &uuid, const QString &permission,
                             const QString &holder, bool toGroup);
    // NotFound when there is no such grant.
    Result<Permission> revoke(const Identity &caller, const QString &uuid,
                              const QString &permission, const QString &holder, bool toGroup);

private:
    // The object, the action and the holder's (user id, group id), checked.
    struct Request
    {
        VirtObject object;
        Action action;
        std::optional<qint64> userId;
        std::optional<qint64> groupId;
    };
    Result<Request> checked(const Identity &caller, const QString &uuid, const QString &permission,
                            const QString &holder, bool toGroup);
    Result<QList<Permission>> grantsOn(const VirtObject &object);
    // The request checked, and the grant it names when there is one.
    Result<std::pair<Request, std::optional<Permission>>>
    existing(const Identity &caller, const QString &uuid, const QString &permission,
             const QString &holder, bool toGroup);

    Database &m_database;
    PermissionService &m_permissions;
    AccountAdministration &m_accounts;
};

} // namespace Cairn
