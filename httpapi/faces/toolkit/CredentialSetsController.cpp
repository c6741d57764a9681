#include "CredentialSetsController.h"

#include "CoreServices.h"
#include "ToolkitSupport.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

const QString Collection = QStringLiteral("credential-sets/");

QJsonObject shown(const ApiRequest &request, const CredentialSet &set)
{
    QJsonObject json = set.toJson();
    json.insert(QStringLiteral("url"), Toolkit::urlOf(request, Collection, set.id));
    return json;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<Page> page = Toolkit::page(request);
    if (!page)
        return Toolkit::error(request, page.error());
    CredentialSetService &sets = core.credentialSets();
    const Result<QList<CredentialSet>> rows =
        sets.list(*request.identity, page->rowsToFetch(), page->offset);
    const Result<qint64> total = sets.count(*request.identity);
    if (!rows || !total)
        return Toolkit::error(request, rows ? total.error() : rows.error());
    QJsonArray array;
    for (const CredentialSet &set : rows.value())
        array.append(shown(request, set));
    return page->respond(request, array, total.value());
}

HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return Toolkit::error(request, body.error());
    const Result<IssuedCredentialSet> issued =
        core.credentialSets().create(*request.identity, body.value());
    if (!issued)
        return Toolkit::error(request, issued.error());
    QJsonObject json = shown(request, issued->set);
    json.insert(QStringLiteral("credential_token"), issued->token);
    return HttpResponse::json(json, 201);
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = Toolkit::pathId(request);
    if (!id)
        return Toolkit::error(request, id.error());
    const Result<CredentialSet> set = core.credentialSets().get(*request.identity, id.value());
    if (!set)
        return Toolkit::error(request, set.error());
    return HttpResponse::json(shown(request, set.value()));
}

HttpResponse update(CoreServices &core, const ApiRequest &request, bool partial)
{
    const Result<qint64> id = Toolkit::pathId(request);
    if (!id)
        return Toolkit::error(request, id.error());
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return Toolkit::error(request, body.error());
    const Result<CredentialSet> set =
        core.credentialSets().update(*request.identity, id.value(), body.value(), partial);
    if (!set)
        return Toolkit::error(request, set.error());
    return HttpResponse::json(shown(request, set.value()));
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = Toolkit::pathId(request);
    if (!id)
        return Toolkit::error(request, id.error());
    const Result<void> removed = core.credentialSets().remove(*request.identity, id.value());
    if (!removed)
        return Toolkit::error(request, removed.error());
    return HttpResponse::noContent();
}

QJsonObject setSchema()
{
    const QJsonObject string = JsonSchema::ofType("string");
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("url"), JsonSchema::readOnly(string)},
         {QStringLiteral("name"), JsonSchema::text(100)},
         {QStringLiteral("description"), JsonSchema::text(200)},
         {QStringLiteral("username"), JsonSchema::text(100)},
         {QStringLiteral("has_password"), JsonSchema::readOnly(JsonSchema::ofType("boolean"))},
         {QStringLiteral("has_private_key"), JsonSchema::readOnly(JsonSchema::ofType("boolean"))},
         {QStringLiteral("has_enable_password"),
          JsonSchema::readOnly(JsonSchema::ofType("boolean"))},
         {QStringLiteral("platforms"), JsonSchema::arrayOf(string)},
         {QStringLiteral("created"), JsonSchema::readOnly(string)},
         {QStringLiteral("last_used"), JsonSchema::readOnly(string)}});
}

// The set's fields with its write-only secrets.
QJsonObject writeSchema()
{
    QJsonObject schema = setSchema();
    QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    const QJsonObject secret = JsonSchema::ofType("string", QStringLiteral("Write-only."));
    properties.insert(QStringLiteral("password"), secret);
    properties.insert(QStringLiteral("private_key"),
                      JsonSchema::ofType("string", QStringLiteral("OpenSSH or PEM; write-only.")));
    properties.insert(QStringLiteral("key_passphrase"), secret);
    properties.insert(QStringLiteral("enable_password"), secret);
    schema.insert(QStringLiteral("properties"), properties);
    return schema;
}

QJsonObject createSchema()
{
    return JsonSchema::requiring(writeSchema(),
                                 {QStringLiteral("name"), QStringLiteral("username")});
}

} // namespace

void CredentialSetsController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec;
    spec.face = Face::Toolkit;
    spec.method = "GET";
    spec.path = Toolkit::Base + Collection;
    spec.summary = QStringLiteral("List credential sets");
    spec.description = QStringLiteral("Your device logins (every set for a superuser); secrets "
                                      "and tokens are never shown.");
    spec.queryParameters = Toolkit::listParameters();
    spec.responseSchema = JsonSchema::arrayOf(setSchema());
    router.add(spec, [&core](const ApiRequest &request) { return list(core, request); });

    spec.method = "POST";
    spec.summary = QStringLiteral("Create a credential set");
    spec.description = QStringLiteral(
        "Secrets are sealed at rest. The answer carries `credential_token`, shown only here: "
        "execute calls name the set with it.");
    spec.queryParameters = {};
    spec.requestSchema = createSchema();
    spec.responseSchema = setSchema();
    spec.successStatus = 201;
    router.add(spec, [&core](const ApiRequest &request) { return create(core, request); });

    spec.method = "GET";
    spec.path = Toolkit::Base + Collection + QStringLiteral("{id}/");
    spec.summary = QStringLiteral("Get a credential set");
    spec.description.clear();
    spec.requestSchema = {};
    spec.successStatus = 200;
    router.add(spec, [&core](const ApiRequest &request) { return detail(core, request); });

    spec.method = "PUT";
    spec.summary = QStringLiteral("Replace a credential set");
    spec.description = QStringLiteral(
        "Its owner only. Secrets are replaced only when given; the credential token stays.");
    spec.requestSchema = createSchema();
    router.add(spec, [&core](const ApiRequest &request) { return update(core, request, false); });

    spec.method = "PATCH";
    spec.summary = QStringLiteral("Change a credential set");
    spec.requestSchema = writeSchema();
    router.add(spec, [&core](const ApiRequest &request) { return update(core, request, true); });

    spec.method = "DELETE";
    spec.description.clear();
    spec.requestSchema = {};
    spec.summary = QStringLiteral("Delete a credential set");
    spec.responseSchema = {};
    spec.successStatus = 204;
    router.add(spec, [&core](const ApiRequest &request) { return remove(core, request); });
}

} // namespace Cairn
