#pragma once

#include "Identity.h"
#include "Permission.h"
#include "Result.h"

#include <QJsonObject>
#include <QStringList>

namespace Cairn {

class GroupService;
class PermissionService;
class UserService;

// Grants as the native API shows and changes them. Everyone reads what they hold themselves,
// directly or through a group, and a superuser everyone's; only a superuser (not through a
// read-only token) grants and revokes: a grant hands over every power it names, so delegating
// it would let an administrator of one type make themselves an administrator of all.
class PermissionAdministration
{
public:
    // `objectTypes`: the types the core checks permissions on; a grant names one of them.
    PermissionAdministration(PermissionService &permissions, UserService &users,
                             GroupService &groups, QStringList objectTypes);

    Result<QList<Permission>> list(const Identity &caller);
    Result<Permission> get(const Identity &caller, qint64 id);
    // {user | user_id | group | group_id, action, object_type, object_id?}: a user or group by
    // name (user, group) or by id (user_id, group_id, integers: a name of digits is a name);
    // no object_id grants on every object of the type. Granting what is held already answers
    // the grant there is.
    Result<Permission> grant(const Identity &caller, const QJsonObject &fields);
    Result<void> revoke(const Identity &caller, qint64 id);

private:
    Result<void> mayAdminister(const Identity &caller) const;
    Result<void> holderOf(const QJsonObject &fields, Permission &permission);

    PermissionService &m_permissions;
    UserService &m_users;
    GroupService &m_groups;
    QStringList m_objectTypes;
};

} // namespace Cairn
