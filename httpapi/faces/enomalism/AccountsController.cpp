#include "AccountsController.h"

#include "CoreServices.h"
#include "Counted.h"
#include "EnomalismSupport.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

using Enomalism::answer;
using Enomalism::failure;
using Enomalism::variable;

QString idOf(const ApiRequest &request)
{
    return request.pathParam(QStringLiteral("id"));
}

// Seed 3.1: each user as [username, id].
HttpResponse listUsers(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<User>> users = core.accounts().users(*request.identity);
    if (!users)
        return failure(users.error());
    QJsonArray pairs;
    for (const User &user : users.value())
        pairs.append(QJsonArray{user.username, user.id});
    return answer({{QStringLiteral("users"), pairs}},
                  counted(pairs.size(), QStringLiteral("user"), QStringLiteral("users")) +
                      QLatin1Char('.'));
}

HttpResponse userAnswer(CoreServices &core, const Result<User> &user, const QString &message)
{
    if (!user)
        return failure(user.error());
    QJsonObject object = user->toJson();
    const Result<QStringList> groups = core.groups().namesOf(user->id);
    if (!groups)
        return failure(groups.error());
    object.insert(QStringLiteral("groups"), QJsonArray::fromStringList(groups.value()));
    return answer({{QStringLiteral("user"), object}}, message.arg(user->username));
}

HttpResponse createUser(CoreServices &core, const ApiRequest &request)
{
    NewUser wanted;
    for (const auto &[name, member] :
         {std::pair("username", &NewUser::username), std::pair("password", &NewUser::password),
          std::pair("email", &NewUser::email)}) {
        const Result<QString> value = variable(request, QString::fromLatin1(name));
        if (!value)
            return failure(value.error());
        wanted.*member = value.value();
    }
    const Result<QString> superuser = variable(request, QStringLiteral("is_superuser"));
    if (!superuser)
        return failure(superuser.error());
    wanted.isSuperuser = superuser.value() == u"true" || superuser.value() == u"1";
    return userAnswer(core, core.accounts().createUser(*request.identity, wanted),
                      QStringLiteral("User %1 created."));
}

HttpResponse deleteUser(CoreServices &core, const ApiRequest &request)
{
    return userAnswer(core, core.accounts().deleteUser(*request.identity, idOf(request)),
                      QStringLiteral("User %1 deleted."));
}

// POST action=set_password (password), join or leave (group).
HttpResponse actOnUser(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> action = variable(request, QStringLiteral("action"));
    if (!action)
        return failure(action.error());
    if (action->isEmpty())
        return userAnswer(core, core.accounts().user(*request.identity, idOf(request)),
                          QStringLiteral("User %1."));
    const Result<QString> value =
        variable(request, action.value() == u"set_password" ? QStringLiteral("password")
                                                            : QStringLiteral("group"));
    if (!value)
        return failure(value.error());
    return userAnswer(
        core,
        core.accounts().actOnUser(*request.identity, idOf(request), action.value(), value.value()),
        QStringLiteral("User %1 updated."));
}

HttpResponse listGroups(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<Group>> groups = core.accounts().groups(*request.identity);
    if (!groups)
        return failure(groups.error());
    QJsonArray pairs;
    for (const Group &group : groups.value())
        pairs.append(QJsonArray{group.name, group.id});
    return answer({{QStringLiteral("groups"), pairs}},
                  counted(pairs.size(), QStringLiteral("group"), QStringLiteral("groups")) +
                      QLatin1Char('.'));
}

HttpResponse groupAnswer(CoreServices &core, const ApiRequest &request, const Result<Group> &group,
                         const QString &message)
{
    if (!group)
        return failure(group.error());
    QJsonObject object = group->toJson();
    const Result<QStringList> members = core.accounts().members(*request.identity, group.value());
    if (members)
        object.insert(QStringLiteral("members"), QJsonArray::fromStringList(members.value()));
    return answer({{QStringLiteral("group"), object}}, message.arg(group->name));
}

HttpResponse createGroup(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> name = variable(request, QStringLiteral("group_name"));
    if (!name)
        return failure(name.error());
    return groupAnswer(core, request, core.accounts().createGroup(*request.identity, name.value()),
                       QStringLiteral("Group %1 created."));
}

HttpResponse deleteGroup(CoreServices &core, const ApiRequest &request)
{
    return groupAnswer(core, request, core.accounts().deleteGroup(*request.identity, idOf(request)),
                       QStringLiteral("Group %1 deleted."));
}

// POST action=add_user or remove_user (user).
HttpResponse actOnGroup(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> action = variable(request, QStringLiteral("action"));
    const Result<QString> user = variable(request, QStringLiteral("user"));
    if (!action || !user)
        return failure(action ? user.error() : action.error());
    if (action->isEmpty())
        return groupAnswer(core, request, core.accounts().group(*request.identity, idOf(request)),
                           QStringLiteral("Group %1."));
    return groupAnswer(
        core, request,
        core.accounts().actOnGroup(*request.identity, idOf(request), action.value(), user.value()),
        QStringLiteral("Group %1 updated."));
}

QJsonObject permissionObject(const Permission &permission)
{
    return {
        {QStringLiteral("id"), permission.id},
        {QStringLiteral("user"), permission.userId ? QJsonValue(*permission.userId) : QJsonValue()},
        {QStringLiteral("group"),
         permission.groupId ? QJsonValue(*permission.groupId) : QJsonValue()},
        {QStringLiteral("permission"), actionName(permission.action)}};
}

HttpResponse permissionList(CoreServices &core, const ApiRequest &request, const QString &message)
{
    const Result<std::pair<VirtObject, QList<Permission>>> listed =
        core.virtPermissions().list(*request.identity, idOf(request));
    if (!listed)
        return failure(listed.error());
    QJsonArray permissions;
    for (const Permission &permission : listed->second)
        permissions.append(permissionObject(permission));
    return answer(
        {{QStringLiteral("object"), QJsonObject{{QStringLiteral("type"), listed->first.type},
                                                {QStringLiteral("uuid"), listed->first.uuid},
                                                {QStringLiteral("name"), listed->first.name}}},
         {QStringLiteral("permissions"), permissions}},
        message.isEmpty()
            ? QStringLiteral("Permissions on %1 %2.").arg(listed->first.type, listed->first.name)
            : message);
}

// action grant (the default for POST and PUT), revoke (the default for DELETE) or list, with
// permission and user or group.
HttpResponse changePermissions(CoreServices &core, const ApiRequest &request)
{
    QHash<QString, QString> given;
    for (const char *name : {"action", "permission", "user", "group"}) {
        const Result<QString> value = variable(request, QString::fromLatin1(name));
        if (!value)
            return failure(value.error());
        given.insert(QString::fromLatin1(name), value.value());
    }
    QString action = given.value(QStringLiteral("action"));
    if (action.isEmpty())
        action =
            request.http.method == "DELETE" ? QStringLiteral("revoke") : QStringLiteral("grant");
    if (action == u"list")
        return permissionList(core, request, QString());
    if (action != u"grant" && action != u"revoke")
        return failure(Error::invalidField(QStringLiteral("action"),
                                           QStringLiteral("The action is grant, revoke or list.")));
    const bool toGroup = !given.value(QStringLiteral("group")).isEmpty();
    const QString holder = given.value(toGroup ? QStringLiteral("group") : QStringLiteral("user"));
    const QString permission = given.value(QStringLiteral("permission"));
    const Result<Permission> changed =
        action == u"grant" ? core.virtPermissions().grant(*request.identity, idOf(request),
                                                          permission, holder, toGroup)
                           : core.virtPermissions().revoke(*request.identity, idOf(request),
                                                           permission, holder, toGroup);
    if (!changed)
        return failure(changed.error());
    return permissionList(core, request,
                          QStringLiteral("%1 %2ed.").arg(actionName(changed->action), action));
}

} // namespace

void AccountsController::registerRoutes(Router &router, CoreServices &core)
{
    using Enomalism::addRoute;
    const auto handler = [&core](HttpResponse (*handle)(CoreServices &, const ApiRequest &)) {
        return [&core, handle](const ApiRequest &request) {
            return handle(core, request);
        };
    };
    for (const QString &path :
         {QStringLiteral("/rest/users/"), QStringLiteral("/rest/users/list/")}) {
        for (const char *method : {"GET", "POST"})
            addRoute(router, method, path, QStringLiteral("List users"),
                     QStringLiteral("`{users: [[username, id], ...]}`: Cairn's users, as on every "
                                    "face. Needs view on user."),
                     handler(listUsers));
    }
    addRoute(router, "POST", QStringLiteral("/rest/user/create/"), QStringLiteral("Create a user"),
             QStringLiteral("`username`, `password`, `email`, `is_superuser`; `{user}`. Needs "
                            "admin on user."),
             handler(createUser),
             {{"username"}, {"password"}, {"email"}, {"is_superuser", "boolean"}});
    for (const char *method : {"GET", "POST"})
        addRoute(router, method, QStringLiteral("/rest/user/{id}/delete/"),
                 QStringLiteral("Delete a user"),
                 QStringLiteral("Not yourself (409). What the user made stays."),
                 handler(deleteUser));
    const QString user = QStringLiteral("/rest/user/{id}/");
    addRoute(router, "GET", user, QStringLiteral("Get a user"),
             QStringLiteral("`{user: {id, username, email, is_superuser, is_active, created, "
                            "groups}}`."),
             handler(actOnUser));
    addRoute(router, "POST", user, QStringLiteral("Update a user"),
             QStringLiteral("`action`: set_password (`password`), join or leave (`group`: name "
                            "or id)."),
             handler(actOnUser), {{"action"}, {"password"}, {"group"}});
    addRoute(router, "DELETE", user, QStringLiteral("Delete a user"), QStringLiteral("As delete/."),
             handler(deleteUser));
    for (const char *method : {"GET", "POST"})
        addRoute(router, method, QStringLiteral("/rest/group/list/"), QStringLiteral("List groups"),
                 QStringLiteral("`{groups: [[name, id], ...]}`."), handler(listGroups));
    addRoute(router, "PUT", QStringLiteral("/rest/group/create"), QStringLiteral("Create a group"),
             QStringLiteral("`group_name`; `{group}`; a name in use is 409."), handler(createGroup),
             {{"group_name"}});
    for (const char *method : {"GET", "POST"})
        addRoute(router, method, QStringLiteral("/rest/group/{id}/delete/"),
                 QStringLiteral("Delete a group"),
                 QStringLiteral("With its memberships and grants."), handler(deleteGroup));
    const QString group = QStringLiteral("/rest/group/{id}");
    addRoute(router, "GET", group, QStringLiteral("Get a group"),
             QStringLiteral("`{group: {id, name, description, members}}`."), handler(actOnGroup));
    addRoute(router, "POST", group, QStringLiteral("Update a group"),
             QStringLiteral("`action`: add_user or remove_user (`user`: username or id)."),
             handler(actOnGroup), {{"action"}, {"user"}});
    addRoute(router, "DELETE", group, QStringLiteral("Delete a group"),
             QStringLiteral("As delete/."), handler(deleteGroup));
    const QString permissions = QStringLiteral("/rest/permissions/{id}/");
    addRoute(
        router, "GET", permissions, QStringLiteral("Permissions on an object"),
        QStringLiteral("The object (a machine, hypervisor, cluster, network or package uuid) "
                       "and `{permissions: [{id, user, group, permission}]}`. Needs admin "
                       "on the object."),
        [&core](const ApiRequest &request) { return permissionList(core, request, QString()); });
    for (const char *method : {"POST", "PUT", "DELETE"})
        addRoute(router, method, permissions, QStringLiteral("Grant or revoke a permission"),
                 QStringLiteral("`action` grant (default; revoke for DELETE) or list, `permission` "
                                "view, change, control, delete or admin, and `user` (username or "
                                "id) or `group` (name or id). Answers the object's permissions."),
                 handler(changePermissions), {{"action"}, {"permission"}, {"user"}, {"group"}});
}

} // namespace Cairn
