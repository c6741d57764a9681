#include "VirtObjectPermissions.h"

#include "auth/AccountAdministration.h"
#include "auth/PermissionService.h"
#include "db/Database.h"
#include "db/SqlQuery.h"

namespace Cairn {

namespace {

const QHash<QString, Action> &grantable()
{
    static const QHash<QString, Action> actions = {
        {QStringLiteral("view"), Action::View},       {QStringLiteral("change"), Action::Change},
        {QStringLiteral("control"), Action::Control}, {QStringLiteral("delete"), Action::Delete},
        {QStringLiteral("admin"), Action::Admin},
    };
    return actions;
}

} // namespace

VirtObjectPermissions::VirtObjectPermissions(Database &database, PermissionService &permissions,
                                             AccountAdministration &accounts)
    : m_database(database)
    , m_permissions(permissions)
    , m_accounts(accounts)
{
}

Result<VirtObject> VirtObjectPermissions::resolve(const QString &uuid)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral(
            "SELECT 'machine', id, name FROM virt_machines WHERE uuid = ? UNION ALL "
            "SELECT 'hypervisor', id, name FROM virt_hypervisors WHERE uuid = ? UNION ALL "
            "SELECT 'cluster', id, name FROM virt_clusters WHERE uuid = ? UNION ALL "
            "SELECT 'network', id, name FROM virt_networks WHERE uuid = ? UNION ALL "
            "SELECT 'package', id, name FROM virt_packages WHERE uuid = ?"),
        QVariantList(5, uuid.toLower()));
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No machine, hypervisor, cluster, network or "
                                              "package %1.")
                                   .arg(uuid));
    return VirtObject{query->value(0).toString(), query->value(1).toLongLong(), uuid.toLower(),
                      query->value(2).toString()};
}

Result<std::pair<VirtObject, QList<Permission>>> VirtObjectPermissions::list(const Identity &caller,
                                                                             const QString &uuid)
{
    const Result<VirtObject> object = resolve(uuid);
    if (!object)
        return object.error();
    const Result<void> allowed =
        m_permissions.require(caller, object->type, object->id, Action::Admin);
    if (!allowed)
        return allowed.error();
    const Result<QList<Permission>> granted = grantsOn(object.value());
    if (!granted)
        return granted.error();
    return std::pair(object.value(), granted.value());
}

Result<VirtObjectPermissions::Request>
VirtObjectPermissions::checked(const Identity &caller, const QString &uuid,
                               const QString &permission, const QString &holder, bool toGroup)
{
    const Result<VirtObject> object = resolve(uuid);
    if (!object)
        return object.error();
    const Result<void> allowed =
        m_permissions.require(caller, object->type, object->id, Action::Admin);
    if (!allowed)
        return allowed.error();
    const auto action = grantable().constFind(permission.trimmed().toLower());
    if (action == grantable().constEnd())
        return Error::invalidField(
            QStringLiteral("permission"),
            QStringLiteral("The permission is view, change, control, delete or admin."));
    Request request{object.value(), action.value(), std::nullopt, std::nullopt};
    if (toGroup) {
        const Result<Group> group = m_accounts.findGroup(holder);
        if (!group)
            return Error::invalidField(QStringLiteral("group"), group.error().message);
        request.groupId = group->id;
    } else {
        if (holder.trimmed().isEmpty())
            return Error::invalidField(QStringLiteral("user"),
                                       QStringLiteral("Give the user (or group) to grant to."));
        const Result<User> user = m_accounts.findUser(holder);
        if (!user)
            return Error::invalidField(QStringLiteral("user"), user.error().message);
        request.userId = user->id;
    }
    return request;
}

Result<QList<Permission>> VirtObjectPermissions::grantsOn(const VirtObject &object)
{
    return m_permissions.permissionsOn(object.type, object.id);
}

Result<std::pair<VirtObjectPermissions::Request, std::optional<Permission>>>
VirtObjectPermissions::existing(const Identity &caller, const QString &uuid,
                                const QString &permission, const QString &holder, bool toGroup)
{
    const Result<Request> request = checked(caller, uuid, permission, holder, toGroup);
    if (!request)
        return request.error();
    const Result<QList<Permission>> granted = grantsOn(request->object);
    if (!granted)
        return granted.error();
    for (const Permission &grant : granted.value()) {
        if (grant.action == request->action && grant.userId == request->userId &&
            grant.groupId == request->groupId)
            return std::pair(request.value(), std::optional<Permission>(grant));
    }
    return std::pair(request.value(), std::optional<Permission>());
}

Result<Permission> VirtObjectPermissions::grant(const Identity &caller, const QString &uuid,
                                                const QString &permission, const QString &holder,
                                                bool toGroup)
{
    const auto found = existing(caller, uuid, permission, holder, toGroup);
    if (!found)
        return found.error();
    const auto &[request, grant] = found.value();
    if (grant)
        return *grant;
    Permission wanted;
    wanted.userId = request.userId;
    wanted.groupId = request.groupId;
    wanted.objectType = request.object.type;
    wanted.objectId = request.object.id;
    wanted.action = request.action;
    return m_permissions.grant(wanted);
}

Result<Permission> VirtObjectPermissions::revoke(const Identity &caller, const QString &uuid,
                                                 const QString &permission, const QString &holder,
                                                 bool toGroup)
{
    const auto found = existing(caller, uuid, permission, holder, toGroup);
    if (!found)
        return found.error();
    const auto &[request, grant] = found.value();
    if (!grant)
        return Error::notFound(QStringLiteral("No such grant on %1.").arg(request.object.name));
    const Result<void> revoked = m_permissions.revoke(grant->id);
    if (!revoked)
        return revoked.error();
    return *grant;
}

} // namespace Cairn
