#include "NativePermissionsController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "PermissionTypes.h"
#include "auth/PermissionAdministration.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

PermissionAdministration administration(CoreServices &core)
{
    return {core.permissions(), core.users(), core.groups(), PermissionTypes::names()};
}

HttpResponse failure(const Error &error)
{
    return FaceErrors::response(Face::Native, error);
}

Result<qint64> pathId(const ApiRequest &request)
{
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&numeric);
    if (!numeric)
        return Error::notFound(QStringLiteral("No such permission."));
    return id;
}

HttpResponse grant(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return failure(body.error());
    const Result<Permission> granted = administration(core).grant(*request.identity, body.value());
    return granted ? HttpResponse::json(granted->toJson(), 201) : failure(granted.error());
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = pathId(request);
    const Result<Permission> found =
        id ? administration(core).get(*request.identity, id.value()) : id.error();
    return found ? HttpResponse::json(found->toJson()) : failure(found.error());
}

HttpResponse revoke(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = pathId(request);
    const Result<void> revoked =
        id ? administration(core).revoke(*request.identity, id.value()) : id.error();
    return revoked ? HttpResponse::noContent() : failure(revoked.error());
}

QJsonObject grantSchema()
{
    const QJsonObject holder = JsonSchema::ofType("string", QStringLiteral("A name."));
    const QJsonObject id = JsonSchema::ofType("integer");
    QJsonObject action = JsonSchema::ofType("string");
    action.insert(QStringLiteral("enum"), QJsonArray::fromStringList(actionNames()));
    QJsonObject type = JsonSchema::ofType("string");
    type.insert(QStringLiteral("enum"), QJsonArray::fromStringList(PermissionTypes::names()));
    return JsonSchema::object(
        {{QStringLiteral("user"), holder},
         {QStringLiteral("user_id"), id},
         {QStringLiteral("group"), holder},
         {QStringLiteral("group_id"), id},
         {QStringLiteral("action"), action},
         {QStringLiteral("object_type"), type},
         {QStringLiteral("object_id"),
          JsonSchema::ofType("integer", QStringLiteral("Absent: every object of the type."))}},
        {QStringLiteral("action"), QStringLiteral("object_type")});
}

} // namespace

void NativePermissionsController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec = nativeRoute(
        "GET", QStringLiteral("/api/permissions/"), QStringLiteral("List permissions"),
        QStringLiteral("The grants you hold, directly or through a group (every grant, for a "
                       "superuser), oldest first; narrowed by `user_id`, `group_id` and "
                       "`object_type`, paged by `limit` and `offset`."));
    spec.queryParameters =
        nativeListParameters() +
        QList<QueryParameter>{{QStringLiteral("user_id"), QStringLiteral("integer"),
                               QStringLiteral("Grants to this user."), false},
                              {QStringLiteral("group_id"), QStringLiteral("integer"),
                               QStringLiteral("Grants to this group."), false},
                              {QStringLiteral("object_type"), QStringLiteral("string"),
                               QStringLiteral("Grants on this type."), false}};
    router.add(spec, [&core](const ApiRequest &request) {
        return nativeList(request, administration(core).list(*request.identity));
    });
    spec = nativeRoute(
        "POST", QStringLiteral("/api/permissions/"), QStringLiteral("Grant a permission"),
        QStringLiteral("Superusers only. `action` on `object_type` (on one object with "
                       "`object_id`, on all without) to one user or one group, by name (`user`, "
                       "`group`) or id (`user_id`, `group_id`). `admin` includes every other "
                       "action. Granting what is held already answers that grant."),
        201);
    spec.requestSchema = grantSchema();
    router.add(spec, [&core](const ApiRequest &request) { return grant(core, request); });
    spec = nativeRoute("GET", QStringLiteral("/api/permissions/{id}/"),
                       QStringLiteral("Get a permission"),
                       QStringLiteral("One you hold (any, for a superuser)."));
    router.add(spec, [&core](const ApiRequest &request) { return detail(core, request); });
    spec = nativeRoute("DELETE", QStringLiteral("/api/permissions/{id}/"),
                       QStringLiteral("Revoke a permission"),
                       QStringLiteral("Superusers only; it stops applying at once."), 204);
    router.add(spec, [&core](const ApiRequest &request) { return revoke(core, request); });
}

} // namespace Cairn
