#include "AccountAdministration.h"

#include "PermissionService.h"

namespace Cairn {

namespace {

std::optional<qint64> idOf(const QString &text)
{
    bool isNumber = false;
    const qint64 id = text.trimmed().toLongLong(&isNumber);
    return isNumber ? std::optional<qint64>(id) : std::nullopt;
}

// Only a superuser may make, re-key or remove a superuser: otherwise `admin` on users would be
// a way to become one (create a superuser, or take one over by setting its password).
Result<void> requireSuperuserFor(const Identity &caller, const User &target)
{
    if (target.isSuperuser && !caller.user.isSuperuser)
        return Error::forbidden(QStringLiteral("Only a superuser may change a superuser."));
    return {};
}

} // namespace

AccountAdministration::AccountAdministration(UserService &users, GroupService &groups,
                                             PermissionService &permissions)
    : m_users(users)
    , m_groups(groups)
    , m_permissions(permissions)
{
}

Result<void> AccountAdministration::may(const Identity &caller, const char *type, Action action,
                                        std::optional<qint64> objectId)
{
    return m_permissions.require(caller, QString::fromLatin1(type), objectId, action);
}

Result<User> AccountAdministration::findUser(const QString &nameOrId)
{
    if (const std::optional<qint64> id = idOf(nameOrId))
        return m_users.userById(*id);
    return m_users.userByUsername(nameOrId.trimmed());
}

Result<Group> AccountAdministration::findGroup(const QString &nameOrId)
{
    if (const std::optional<qint64> id = idOf(nameOrId))
        return m_groups.byId(*id);
    return m_groups.byName(nameOrId.trimmed());
}

Result<QList<User>> AccountAdministration::users(const Identity &caller)
{
    const Result<void> allowed = may(caller, UserType, Action::View);
    if (!allowed)
        return allowed.error();
    return m_users.listUsers();
}

template <typename T, typename Find>
Result<T> AccountAdministration::named(const Identity &caller, const char *type, Action action,
                                       const QString &id, Find find)
{
    // A grant on this one user or group is enough; one on the whole type covers it too.
    const std::optional<qint64> number = idOf(id);
    const Result<void> allowed = may(caller, type, action, number);
    if (!allowed)
        return allowed.error();
    if (!number)
        return Error::notFound(QStringLiteral("No %1 %2.").arg(QLatin1String(type), id));
    return find(*number);
}

Result<User> AccountAdministration::userAs(const Identity &caller, const QString &id, Action action)
{
    return named<User>(caller, UserType, action, id,
                       [this](qint64 number) { return m_users.userById(number); });
}

Result<Group> AccountAdministration::groupAs(const Identity &caller, const QString &id,
                                             Action action)
{
    return named<Group>(caller, GroupType, action, id,
                        [this](qint64 number) { return m_groups.byId(number); });
}

Result<User> AccountAdministration::user(const Identity &caller, const QString &id)
{
    return userAs(caller, id, Action::View);
}

Result<User> AccountAdministration::createUser(const Identity &caller, const NewUser &user)
{
    const Result<void> allowed = may(caller, UserType, Action::Admin);
    if (!allowed)
        return allowed.error();
    if (user.isSuperuser && !caller.user.isSuperuser)
        return Error::forbidden(QStringLiteral("Only a superuser may create a superuser."));
    return m_users.addUser(user);
}

Result<User> AccountAdministration::deleteUser(const Identity &caller, const QString &id)
{
    Result<User> found = userAs(caller, id, Action::Admin);
    if (!found)
        return found;
    if (found->id == caller.user.id)
        return Error::conflict(QStringLiteral("You cannot delete yourself."));
    const Result<void> mayChange = requireSuperuserFor(caller, found.value());
    if (!mayChange)
        return mayChange.error();
    const Result<void> removed = m_users.removeUser(found->id);
    if (!removed)
        return removed.error();
    return found;
}

Result<User> AccountAdministration::actOnUser(const Identity &caller, const QString &id,
                                              const QString &action, const QString &value)
{
    Result<User> found = userAs(caller, id, Action::Admin);
    if (!found)
        return found;
    if (action == u"set_password") {
        const Result<void> mayChange = requireSuperuserFor(caller, found.value());
        if (!mayChange)
            return mayChange.error();
        const Result<void> set = m_users.setPassword(found->username, value);
        if (!set)
            return set.error().fields.isEmpty()
                       ? set.error()
                       : Error::invalidField(QStringLiteral("password"), set.error().message);
        return found;
    }
    if (action == u"join" || action == u"leave") {
        const Result<Group> group = findGroup(value);
        if (!group)
            return Error::invalidField(QStringLiteral("group"), group.error().message);
        // A group carries its grants to its members: joining one is administering that group.
        const Result<void> mayAdminister = may(caller, GroupType, Action::Admin, group->id);
        if (!mayAdminister)
            return mayAdminister.error();
        const Result<void> changed = action == u"join"
                                         ? m_groups.addMember(group->id, found->id)
                                         : m_groups.removeMember(group->id, found->id);
        if (!changed)
            return changed.error();
        return found;
    }
    return Error::invalidField(QStringLiteral("action"),
                               QStringLiteral("The action is set_password, join or leave."));
}

Result<QList<Group>> AccountAdministration::groups(const Identity &caller)
{
    const Result<void> allowed = may(caller, GroupType, Action::View);
    if (!allowed)
        return allowed.error();
    return m_groups.list();
}

Result<Group> AccountAdministration::group(const Identity &caller, const QString &id)
{
    return groupAs(caller, id, Action::View);
}

Result<QStringList> AccountAdministration::members(const Identity &caller, const Group &group)
{
    const Result<void> allowed = may(caller, UserType, Action::View);
    if (!allowed)
        return allowed.error();
    return m_groups.memberNames(group.id);
}

Result<Group> AccountAdministration::createGroup(const Identity &caller, const QString &name)
{
    const Result<void> allowed = may(caller, GroupType, Action::Admin);
    if (!allowed)
        return allowed.error();
    Result<Group> created = m_groups.create(name);
    if (!created) {
        if (!created.error().fields.isEmpty())
            return Error::invalidField(QStringLiteral("group_name"), created.error().message);
        if (created.error().code == ErrorCode::Conflict)
            return Error{ErrorCode::Conflict, QStringLiteral("A group named %1 exists.").arg(name),
                         QJsonObject{{QStringLiteral("group_name"),
                                      QStringLiteral("A group with this name exists.")}}};
    }
    return created;
}

Result<Group> AccountAdministration::deleteGroup(const Identity &caller, const QString &id)
{
    Result<Group> found = groupAs(caller, id, Action::Admin);
    if (!found)
        return found;
    const Result<void> removed = m_groups.remove(found->id);
    if (!removed)
        return removed.error();
    return found;
}

Result<Group> AccountAdministration::actOnGroup(const Identity &caller, const QString &id,
                                                const QString &action, const QString &value)
{
    Result<Group> found = groupAs(caller, id, Action::Admin);
    if (!found)
        return found;
    if (action != u"add_user" && action != u"remove_user")
        return Error::invalidField(QStringLiteral("action"),
                                   QStringLiteral("The action is add_user or remove_user."));
    const Result<User> member = findUser(value);
    if (!member)
        return Error::invalidField(QStringLiteral("user"), member.error().message);
    const Result<void> changed = action == u"add_user"
                                     ? m_groups.addMember(found->id, member->id)
                                     : m_groups.removeMember(found->id, member->id);
    if (!changed)
        return changed.error();
    return found;
}

} // namespace Cairn
