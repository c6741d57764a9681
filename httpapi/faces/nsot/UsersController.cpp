#include "UsersController.h"

#include "CoreServices.h"
#include "NsotSupport.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Representation.h"
#include "routing/Respond.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

// NSoT lists a user's permissions per site: {"<site id>": {user, site, permissions: [...]}}.
// `grants` adds everything else the user holds, directly or through a group, as
// /api/permissions/ shows each grant.
Result<QJsonObject> userJson(CoreServices &core, const User &user)
{
    const Result<QList<Permission>> held = core.permissions().permissionsOfUser(user.id);
    if (!held)
        return held.error();
    QJsonObject perSite;
    QJsonArray grants;
    for (const Permission &permission : held.value()) {
        grants.append(permission.toJson());
        if (permission.objectType != QLatin1String("site") || !permission.objectId)
            continue;
        const QString site = QString::number(*permission.objectId);
        QJsonObject entry = perSite.value(site).toObject();
        QJsonArray actions = entry.value(QStringLiteral("permissions")).toArray();
        actions.append(actionName(permission.action));
        entry = {{QStringLiteral("user"), user.id},
                 {QStringLiteral("site"), *permission.objectId},
                 {QStringLiteral("permissions"), actions}};
        perSite.insert(site, entry);
    }
    QJsonObject json = user.toJson();
    json.insert(QStringLiteral("permissions"), perSite);
    json.insert(QStringLiteral("grants"), grants);
    return json;
}

// `0` is the caller, as in NSoT; others may be read by themselves and superusers only.
Result<User> targetUser(CoreServices &core, const ApiRequest &request)
{
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&numeric);
    if (!numeric)
        return Error::notFound(QStringLiteral("Not found."));
    const User &caller = request.identity->user;
    if (id == 0 || id == caller.id)
        return caller;
    if (!caller.isSuperuser)
        return Error::forbidden(
            QStringLiteral("You do not have permission to perform this action."));
    return core.users().userById(id);
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<User> user = targetUser(core, request);
    if (!user)
        return FaceErrors::response(Face::Nsot, user.error());
    Result<QJsonObject> json = userJson(core, user.value());
    if (json && request.queryFlag(QStringLiteral("with_secret_key")) &&
        user->id == request.identity->user.id) {
        const Result<QString> secret = core.users().secretKey(*request.identity);
        if (!secret)
            return FaceErrors::response(Face::Nsot, secret.error());
        json->insert(QStringLiteral("secret_key"), secret.value());
    }
    return respond(Face::Nsot, json);
}

// Paged and shaped (fields, omit) as every NSoT list.
HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const User &caller = request.identity->user;
    const Result<QList<User>> users =
        caller.isSuperuser ? core.users().listUsers() : Result<QList<User>>(QList<User>{caller});
    const Result<Page> page = Page::fromRequest(request);
    if (!users || !page)
        return FaceErrors::response(Face::Nsot, users ? page.error() : users.error());
    static const QStringList Visible{QStringLiteral("id"),          QStringLiteral("username"),
                                     QStringLiteral("email"),       QStringLiteral("is_superuser"),
                                     QStringLiteral("is_active"),   QStringLiteral("created"),
                                     QStringLiteral("permissions"), QStringLiteral("grants")};
    const Representation representation(request);
    QJsonArray array;
    for (const User &user : users->mid(page->offset, page->rowsToFetch())) {
        const Result<QJsonObject> json = userJson(core, user);
        if (!json)
            return FaceErrors::response(Face::Nsot, json.error());
        array.append(representation.shape(json.value(), Visible));
    }
    return page->respond(request, array, users->size());
}

HttpResponse rotateSecretKey(CoreServices &core, const ApiRequest &request)
{
    const Result<User> user = targetUser(core, request);
    if (!user)
        return FaceErrors::response(Face::Nsot, user.error());
    if (user->id != request.identity->user.id)
        return FaceErrors::response(
            Face::Nsot,
            Error::forbidden(QStringLiteral("Only users may rotate their own secret key.")));
    const Result<QString> secret = core.users().rotateSecretKey(*request.identity);
    if (!secret)
        return FaceErrors::response(Face::Nsot, secret.error());
    return HttpResponse::json(secret.value());
}

QJsonObject userSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("username"), JsonSchema::ofType("string")},
         {QStringLiteral("email"), JsonSchema::ofType("string")},
         {QStringLiteral("is_superuser"), JsonSchema::ofType("boolean")},
         {QStringLiteral("permissions"), JsonSchema::ofType("object")},
         {QStringLiteral("grants"), JsonSchema::readOnly(JsonSchema::ofType("array"))},
         {QStringLiteral("secret_key"), JsonSchema::ofType("string")}});
}

} // namespace

void UsersController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec;
    spec.method = "GET";
    spec.face = Face::Nsot;
    spec.path = QStringLiteral("/api/users/");
    spec.summary = QStringLiteral("List users");
    spec.description = QStringLiteral("Every user for a superuser; yourself for anyone else.");
    spec.queryParameters = Nsot::listParameters({});
    spec.responseSchema = JsonSchema::arrayOf(userSchema());
    router.add(spec, [&core](const ApiRequest &request) { return list(core, request); });

    spec.path = QStringLiteral("/api/users/{id}/");
    spec.summary = QStringLiteral("Get a user");
    spec.description = QStringLiteral("Id 0 is the caller; ?with_secret_key=true adds your own "
                                      "secret key.");
    spec.queryParameters = {{QStringLiteral("with_secret_key"), QStringLiteral("boolean"),
                             QStringLiteral("Include your secret key."), false}};
    spec.responseSchema = userSchema();
    router.add(spec, [&core](const ApiRequest &request) { return detail(core, request); });

    spec.method = "POST";
    spec.path = QStringLiteral("/api/users/{id}/rotate_secret_key/");
    spec.summary = QStringLiteral("Rotate your secret key");
    spec.description = QStringLiteral("Issues a new secret key; AuthTokens from the old one stop "
                                      "working.");
    spec.queryParameters = {};
    spec.responseSchema = JsonSchema::ofType("string");
    router.add(spec, [&core](const ApiRequest &request) { return rotateSecretKey(core, request); });
}

} // namespace Cairn
