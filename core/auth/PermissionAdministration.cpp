#include "PermissionAdministration.h"

#include "GroupService.h"
#include "PermissionService.h"
#include "UserService.h"

#include <QJsonArray>

namespace Cairn {

namespace {

// A whole number, or nothing.
std::optional<qint64> idOf(const QJsonValue &value)
{
    if (value.isDouble() && value.toDouble() == double(value.toInteger()))
        return value.toInteger();
    return std::nullopt;
}

} // namespace

PermissionAdministration::PermissionAdministration(PermissionService &permissions,
                                                   UserService &users, GroupService &groups,
                                                   QStringList objectTypes)
    : m_permissions(permissions)
    , m_users(users)
    , m_groups(groups)
    , m_objectTypes(std::move(objectTypes))
{
}

Result<void> PermissionAdministration::mayAdminister(const Identity &caller) const
{
    if (!caller.user.isSuperuser || caller.readOnly)
        return Error::forbidden(
            QStringLiteral("Only a superuser may grant or revoke permissions."));
    return {};
}

Result<QList<Permission>> PermissionAdministration::list(const Identity &caller)
{
    if (caller.user.isSuperuser)
        return m_permissions.all();
    return m_permissions.permissionsOfUser(caller.user.id);
}

Result<Permission> PermissionAdministration::get(const Identity &caller, qint64 id)
{
    if (caller.user.isSuperuser)
        return m_permissions.find(id);
    const Result<QList<Permission>> held = m_permissions.permissionsOfUser(caller.user.id);
    if (!held)
        return held.error();
    for (const Permission &permission : held.value()) {
        if (permission.id == id)
            return permission;
    }
    // Another user's grant is as absent as a missing one: its id says nothing.
    return Error::notFound(QStringLiteral("No such permission."));
}

Result<void> PermissionAdministration::holderOf(const QJsonObject &fields, Permission &permission)
{
    const QStringList userKeys{QStringLiteral("user"), QStringLiteral("user_id")};
    const QStringList groupKeys{QStringLiteral("group"), QStringLiteral("group_id")};
    QStringList given;
    for (const QString &key : userKeys + groupKeys) {
        if (fields.contains(key) && !fields.value(key).isNull())
            given << key;
    }
    if (given.size() != 1)
        return Error::invalidField(QStringLiteral("user"),
                                   QStringLiteral("Name exactly one user or one group (user, "
                                                  "user_id, group or group_id)."));
    const QString key = given.first();
    const QJsonValue holder = fields.value(key);
    const bool byId = key.endsWith(QLatin1String("_id"));
    if (byId ? !idOf(holder) : !holder.isString())
        return Error::invalidField(key, byId ? QStringLiteral("An id (an integer).")
                                             : QStringLiteral("A name (text)."));
    if (userKeys.contains(key)) {
        const Result<User> user =
            byId ? m_users.userById(*idOf(holder)) : m_users.userByUsername(holder.toString());
        if (!user)
            return Error::invalidField(key, QStringLiteral("No such user."));
        permission.userId = user->id;
        return {};
    }
    const Result<Group> group =
        byId ? m_groups.byId(*idOf(holder)) : m_groups.byName(holder.toString());
    if (!group)
        return Error::invalidField(key, QStringLiteral("No such group."));
    permission.groupId = group->id;
    return {};
}

Result<Permission> PermissionAdministration::grant(const Identity &caller,
                                                   const QJsonObject &fields)
{
    const Result<void> allowed = mayAdminister(caller);
    if (!allowed)
        return allowed.error();
    Permission permission;
    const Result<void> holder = holderOf(fields, permission);
    if (!holder)
        return holder.error();
    const QJsonValue action = fields.value(QStringLiteral("action"));
    const std::optional<Action> parsed = actionFromName(action.toString());
    if (!action.isString() || !parsed)
        return Error::invalidField(
            QStringLiteral("action"),
            QStringLiteral("One of: %1.").arg(actionNames().join(QLatin1String(", "))));
    permission.action = *parsed;
    const QJsonValue type = fields.value(QStringLiteral("object_type"));
    if (!type.isString() || !m_objectTypes.contains(type.toString()))
        return Error::invalidField(
            QStringLiteral("object_type"),
            QStringLiteral("One of: %1.").arg(m_objectTypes.join(QLatin1String(", "))));
    permission.objectType = type.toString();
    const QJsonValue object = fields.value(QStringLiteral("object_id"));
    if (!object.isUndefined() && !object.isNull()) {
        if (!object.isDouble() || object.toDouble() != double(object.toInteger()) ||
            object.toInteger() < 1)
            return Error::invalidField(QStringLiteral("object_id"),
                                       QStringLiteral("An object's id (a positive integer), or "
                                                      "null for every object of the type."));
        permission.objectId = object.toInteger();
    }
    return m_permissions.grant(permission);
}

Result<void> PermissionAdministration::revoke(const Identity &caller, qint64 id)
{
    const Result<void> allowed = mayAdminister(caller);
    if (!allowed)
        return allowed.error();
    return m_permissions.revoke(id);
}

} // namespace Cairn
