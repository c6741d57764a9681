#include "PermissionService.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

namespace Cairn {

Result<bool> PermissionService::isAllowed(const Identity &identity, const QString &objectType,
                                          std::optional<qint64> objectId, Action action)
{
    if (!identity.user.isActive)
        return false;
    if (identity.readOnly && action != Action::View)
        return false;
    if (identity.user.isSuperuser)
        return true;
    const Result<QVariant> found = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral(
            "SELECT 1 FROM object_permissions p WHERE p.object_type = ? AND p.action IN (?, ?) "
            "AND (p.object_id IS NULL OR p.object_id = ?) AND (p.user_id = ? OR p.group_id IN "
            "(SELECT m.group_id FROM group_members m WHERE m.user_id = ?)) LIMIT 1"),
        {objectType, actionName(action), actionName(Action::Admin), SqlQuery::nullable(objectId),
         identity.user.id, identity.user.id});
    if (!found)
        return found.error();
    return found->isValid();
}

Result<void> PermissionService::require(const Identity &identity, const QString &objectType,
                                        std::optional<qint64> objectId, Action action)
{
    const Result<bool> allowed = isAllowed(identity, objectType, objectId, action);
    if (!allowed)
        return allowed.error();
    // Says what is missing, so that an administrator knows what to grant (the grant itself
    // says nothing more than the caller already asked for).
    if (!allowed.value()) {
        const QString scope =
            objectId ? QStringLiteral("%1 %2 (or on every %1)").arg(objectType).arg(*objectId)
                     : QStringLiteral("every %1").arg(objectType);
        return Error::forbidden(
            QStringLiteral("You do not have permission to perform this action: it needs %1 on "
                           "%2.")
                .arg(actionName(action), scope));
    }
    return {};
}

Result<Permission> PermissionService::grant(const Permission &permission)
{
    if (permission.userId.has_value() == permission.groupId.has_value())
        return Error::badRequest(QStringLiteral("A permission is held by a user or by a group."));
    if (permission.objectType.isEmpty())
        return Error::invalidField(QStringLiteral("object_type"),
                                   QStringLiteral("This field is required."));
    // Held already: the grant there is, so that one revoke takes it away.
    const Result<QList<Permission>> held =
        permission.userId ? select(QStringLiteral("user_id = ?"), {*permission.userId})
                          : select(QStringLiteral("group_id = ?"), {*permission.groupId});
    if (!held)
        return held.error();
    for (const Permission &existing : held.value()) {
        if (existing.objectType == permission.objectType &&
            existing.objectId == permission.objectId && existing.action == permission.action)
            return existing;
    }
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO object_permissions (user_id, group_id, object_type, object_id, "
                       "action) VALUES (?, ?, ?, ?, ?) RETURNING id"),
        {SqlQuery::nullable(permission.userId), SqlQuery::nullable(permission.groupId),
         permission.objectType, SqlQuery::nullable(permission.objectId),
         actionName(permission.action)});
    if (!id)
        return id.error();
    Permission stored = permission;
    stored.id = id->toLongLong();
    return stored;
}

Result<void> PermissionService::revoke(qint64 permissionId)
{
    const Result<QSqlQuery> done = SqlQuery::run(
        m_database.connection(), QStringLiteral("DELETE FROM object_permissions WHERE id = ?"),
        {permissionId});
    if (!done)
        return done.error();
    if (done->numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("No such permission."));
    return {};
}

Result<QList<Permission>> PermissionService::select(const QString &where,
                                                    const QVariantList &values)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, user_id, group_id, object_type, object_id, action FROM "
                       "object_permissions WHERE %1 ORDER BY id")
            .arg(where),
        values);
    if (!query)
        return query.error();
    QList<Permission> permissions;
    while (query->next()) {
        const std::optional<Action> action = actionFromName(query->value(5).toString());
        if (!action)
            continue; // written by a newer version; not ours to interpret
        permissions << Permission{
            query->value(0).toLongLong(),          SqlQuery::optionalId(query->value(1)),
            SqlQuery::optionalId(query->value(2)), query->value(3).toString(),
            SqlQuery::optionalId(query->value(4)), *action};
    }
    return permissions;
}

Result<QList<Permission>> PermissionService::permissionsOfUser(qint64 userId)
{
    return select(QStringLiteral("user_id = ? OR group_id IN (SELECT group_id FROM group_members "
                                 "WHERE user_id = ?)"),
                  {userId, userId});
}

Result<QList<Permission>> PermissionService::permissionsOn(const QString &objectType,
                                                           qint64 objectId)
{
    return select(QStringLiteral("object_type = ? AND object_id = ?"), {objectType, objectId});
}

Result<QList<Permission>> PermissionService::all()
{
    return select(QStringLiteral("1 = 1"), {});
}

Result<Permission> PermissionService::find(qint64 permissionId)
{
    const Result<QList<Permission>> found = select(QStringLiteral("id = ?"), {permissionId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("No such permission."));
    return found->first();
}

} // namespace Cairn
