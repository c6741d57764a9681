#include "NativeAccountsController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

HttpResponse failure(const Error &error)
{
    return FaceErrors::response(Face::Native, error);
}

QString idOf(const ApiRequest &request)
{
    return request.pathParam(QStringLiteral("id"));
}

HttpResponse groupAnswer(CoreServices &core, const ApiRequest &request, const Result<Group> &group,
                         int status = 200)
{
    if (!group)
        return failure(group.error());
    // Members only for whoever may view users: a group administrator may not.
    const Result<QStringList> members = core.accounts().members(*request.identity, group.value());
    if (!members && members.error().code != ErrorCode::Forbidden)
        return failure(members.error());
    QJsonObject json = group->toJson();
    if (members)
        json.insert(QStringLiteral("members"), QJsonArray::fromStringList(members.value()));
    return HttpResponse::json(json, status);
}

HttpResponse createGroup(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return failure(body.error());
    const QJsonValue name = body->value(QStringLiteral("name"));
    if (!name.isString())
        return failure(Error::invalidField(QStringLiteral("name"),
                                           name.isUndefined() || name.isNull()
                                               ? QStringLiteral("This field is required.")
                                               : QStringLiteral("Not a valid string.")));
    return groupAnswer(core, request,
                       core.accounts().createGroup(*request.identity, name.toString()), 201);
}

HttpResponse deleteGroup(CoreServices &core, const ApiRequest &request)
{
    const Result<Group> removed = core.accounts().deleteGroup(*request.identity, idOf(request));
    return removed ? HttpResponse::noContent() : failure(removed.error());
}

// {description, read_only, expires_days}: the key is in this answer only. Only with the password:
// a stolen token, expiring or read-only, must not be a way to a lasting one.
HttpResponse createToken(CoreServices &core, const ApiRequest &request)
{
    if (!request.http.header("authorization").toLower().startsWith("basic "))
        return failure(Error::forbidden(
            QStringLiteral("Tokens are made with your password (HTTP Basic authentication) or "
                           "`cairn user token`; a token cannot make another.")));
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return failure(body.error());
    const QJsonValue description = body->value(QStringLiteral("description"));
    const QJsonValue readOnly = body->value(QStringLiteral("read_only"));
    const QJsonValue days = body->value(QStringLiteral("expires_days"));
    if (!description.isUndefined() &&
        (!description.isString() || description.toString().size() > 200))
        return failure(Error::invalidField(QStringLiteral("description"),
                                           QStringLiteral("Must be text of at most 200 "
                                                          "characters.")));
    if (!readOnly.isUndefined() && !readOnly.isBool())
        return failure(Error::invalidField(QStringLiteral("read_only"),
                                           QStringLiteral("Must be true or false.")));
    if (!days.isUndefined() && !days.isNull() &&
        (!days.isDouble() || days.toDouble() != double(days.toInt())))
        return failure(Error::invalidField(QStringLiteral("expires_days"),
                                           QStringLiteral("Must be a whole number of days.")));
    const std::optional<int> expires =
        days.isDouble() ? std::optional<int>(days.toInt()) : std::nullopt;
    const Result<IssuedToken> issued = core.tokens().issue(
        *request.identity, expires, readOnly.toBool(false), description.toString());
    if (!issued)
        return failure(issued.error());
    QJsonObject json = issued->token.toJson();
    json.insert(QStringLiteral("key"), issued->key);
    return HttpResponse::json(json, 201);
}

HttpResponse deleteToken(CoreServices &core, const ApiRequest &request)
{
    bool numeric = false;
    const qint64 id = idOf(request).toLongLong(&numeric);
    if (!numeric)
        return failure(Error::notFound(QStringLiteral("No such token.")));
    if (request.identity->readOnly)
        return failure(Error::forbidden(QStringLiteral("A read-only token cannot delete tokens.")));
    const Result<void> removed = core.tokens().remove(request.identity->user.id, id);
    return removed ? HttpResponse::noContent() : failure(removed.error());
}

} // namespace

void NativeAccountsController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec =
        nativeRoute("GET", QStringLiteral("/api/groups/"), QStringLiteral("List groups"),
                    QStringLiteral("The groups you may view (`view` on group), paged "
                                   "by `limit` and `offset`."));
    spec.queryParameters = nativeListParameters();
    router.add(spec, [&core](const ApiRequest &request) {
        return nativeList(request, core.accounts().groups(*request.identity));
    });
    spec = nativeRoute("POST", QStringLiteral("/api/groups/"), QStringLiteral("Create a group"),
                       QStringLiteral("`{name}`; needs `admin` on group. 409 when the name is "
                                      "taken."));
    spec.requestSchema = JsonSchema::object(
        {{QStringLiteral("name"), JsonSchema::text(150, QStringLiteral("Unique."))}},
        {QStringLiteral("name")});
    spec.successStatus = 201;
    router.add(spec, [&core](const ApiRequest &request) { return createGroup(core, request); });
    spec = nativeRoute("GET", QStringLiteral("/api/groups/{id}/"), QStringLiteral("Get a group"),
                       QStringLiteral("By id or name, with its members' usernames."));
    router.add(spec, [&core](const ApiRequest &request) {
        return groupAnswer(core, request, core.accounts().group(*request.identity, idOf(request)));
    });
    spec =
        nativeRoute("DELETE", QStringLiteral("/api/groups/{id}/"), QStringLiteral("Delete a group"),
                    QStringLiteral("With its memberships and the permissions granted to it; "
                                   "needs `admin` on it."));
    spec.successStatus = 204;
    router.add(spec, [&core](const ApiRequest &request) { return deleteGroup(core, request); });

    spec = nativeRoute("GET", QStringLiteral("/api/tokens/"), QStringLiteral("List your tokens"),
                       QStringLiteral("Your API tokens: prefix, description, read_only, created, "
                                      "expires, last_used; never the keys."));
    spec.queryParameters = nativeListParameters();
    router.add(spec, [&core](const ApiRequest &request) {
        return nativeList(request, core.tokens().listForUser(request.identity->user.id));
    });
    spec = nativeRoute("POST", QStringLiteral("/api/tokens/"), QStringLiteral("Make a token"),
                       QStringLiteral("`{description, read_only, expires_days}` (all optional): "
                                      "a token for yourself; `key` is in this answer only. Only "
                                      "with your password (HTTP Basic): a token cannot make "
                                      "another (403)."));
    spec.requestSchema =
        JsonSchema::object({{QStringLiteral("description"), JsonSchema::ofType("string")},
                            {QStringLiteral("read_only"), JsonSchema::ofType("boolean")},
                            {QStringLiteral("expires_days"), JsonSchema::ofType("integer")}});
    spec.successStatus = 201;
    router.add(spec, [&core](const ApiRequest &request) { return createToken(core, request); });
    spec = nativeRoute("DELETE", QStringLiteral("/api/tokens/{id}/"),
                       QStringLiteral("Delete one of your tokens"),
                       QStringLiteral("It stops working at once on this server, within 2 s on "
                                      "others sharing the database."));
    spec.successStatus = 204;
    router.add(spec, [&core](const ApiRequest &request) { return deleteToken(core, request); });
}

} // namespace Cairn
