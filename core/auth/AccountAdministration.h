#pragma once

#include "Action.h"
#include "GroupService.h"
#include "Identity.h"
#include "UserService.h"

namespace Cairn {

class PermissionService;

// Users and groups as an administrator manages them through an API (the Enomalism face's
// section 3): the same users and groups as every face. Reading needs `view` on the object type
// "user" (or "group"), or on that one user or group, changing `admin`; superusers may do all.
// Only superusers create, re-key or delete a superuser, and joining a group needs `admin` on it.
// Ids are the users' and groups' numeric ids, as text from a path.
class AccountAdministration
{
public:
    static constexpr const char *UserType = "user";
    static constexpr const char *GroupType = "group";

    AccountAdministration(UserService &users, GroupService &groups, PermissionService &permissions);

    Result<QList<User>> users(const Identity &caller);
    Result<User> user(const Identity &caller, const QString &id);
    Result<User> createUser(const Identity &caller, const NewUser &user);
    // Not yourself (409): an administrator would lock themselves out.
    Result<User> deleteUser(const Identity &caller, const QString &id);
    // set_password (value: the password), join or leave (value: a group's name or id).
    Result<User> actOnUser(const Identity &caller, const QString &id, const QString &action,
                           const QString &value);

    Result<QList<Group>> groups(const Identity &caller);
    Result<Group> group(const Identity &caller, const QString &id);
    Result<QStringList> members(const Identity &caller, const Group &group);
    Result<Group> createGroup(const Identity &caller, const QString &name);
    Result<Group> deleteGroup(const Identity &caller, const QString &id);
    // add_user or remove_user (value: a username or user id).
    Result<Group> actOnGroup(const Identity &caller, const QString &id, const QString &action,
                             const QString &value);

    // A user by username or id; a group by name or id (for grants too).
    Result<User> findUser(const QString &nameOrId);
    Result<Group> findGroup(const QString &nameOrId);

private:
    Result<void> may(const Identity &caller, const char *type, Action action,
                     std::optional<qint64> objectId = std::nullopt);
    // The user or group a path names (by id), once the caller may `action` that type.
    template <typename T, typename Find>
    Result<T> named(const Identity &caller, const char *type, Action action, const QString &id,
                    Find find);
    Result<User> userAs(const Identity &caller, const QString &id, Action action);
    Result<Group> groupAs(const Identity &caller, const QString &id, Action action);

    UserService &m_users;
    GroupService &m_groups;
    PermissionService &m_permissions;
};

} // namespace Cairn
