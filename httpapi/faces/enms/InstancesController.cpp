#include "InstancesController.h"

#include "CoreServices.h"
#include "automation/AutomationInventory.h"
#include "automation/AutomationLinks.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

AutomationInventory inventoryOf(CoreServices &core)
{
    return AutomationInventory(core.devices(), core.sites());
}

HttpResponse refusal(const Error &error)
{
    return FaceErrors::response(Face::Enms, error);
}

AutomationLinks linksOf(CoreServices &core)
{
    return AutomationLinks(core.database(), core.devices(), core.permissions());
}

// Devices and links are served so far; another eNMS type is named in the 404.
std::optional<HttpResponse> unsupportedType(const QString &type)
{
    if (type == QLatin1String("device") || type == QLatin1String("link"))
        return std::nullopt;
    return refusal(Error::notFound(
        QStringLiteral("Instance type %1 is not served yet; device and link are.").arg(type)));
}

HttpResponse showOrRemove(CoreServices &core, const ApiRequest &request, bool remove)
{
    const QString type = request.pathParam(QStringLiteral("type"));
    if (const std::optional<HttpResponse> refused = unsupportedType(type))
        return *refused;
    const QString name = request.pathParam(QStringLiteral("name"));
    Result<QJsonObject> object = Error::internal(QString());
    if (type == QLatin1String("link")) {
        AutomationLinks links = linksOf(core);
        object = remove ? links.removeLink(*request.identity, name) : links.link(name);
    } else {
        AutomationInventory inventory = inventoryOf(core);
        object = remove ? inventory.removeDevice(*request.identity, name) : inventory.device(name);
    }
    if (!object)
        return refusal(object.error());
    return HttpResponse::json(object.value());
}

// One object or a list; each saved or refused on its own, as eNMS does.
HttpResponse save(CoreServices &core, const ApiRequest &request)
{
    const QString type = request.pathParam(QStringLiteral("type"));
    if (const std::optional<HttpResponse> refused = unsupportedType(type))
        return *refused;
    if (request.identity->readOnly)
        return refusal(Error::forbidden(QStringLiteral("A read-only token cannot save objects.")));
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return refusal(body.error());
    if (!body->isObject() && !body->isArray())
        return refusal(Error::badRequest(QStringLiteral("Send an object or a list of objects.")));
    const QJsonArray objects = body->isArray() ? body->toArray() : QJsonArray{body.value()};
    const SaveReport report = type == QLatin1String("link")
                                  ? linksOf(core).saveLinks(*request.identity, objects)
                                  : inventoryOf(core).saveDevices(*request.identity, objects);
    return HttpResponse::json(
        QJsonObject{{QStringLiteral("success"), QJsonArray::fromStringList(report.success)},
                    {QStringLiteral("failure"), report.failure}});
}

HttpResponse query(CoreServices &core, const ApiRequest &request)
{
    const QString type = request.pathParam(QStringLiteral("type"));
    if (const std::optional<HttpResponse> refused = unsupportedType(type))
        return *refused;
    QList<QPair<QString, QString>> equal;
    for (const auto &[key, value] : request.http.query.queryItems(QUrl::FullyDecoded))
        equal.append({key, value});
    const Result<QJsonArray> objects = type == QLatin1String("link")
                                           ? linksOf(core).queryLinks(equal)
                                           : inventoryOf(core).queryDevices(equal);
    if (!objects)
        return refusal(objects.error());
    return HttpResponse::json(objects.value());
}

HttpResponse configuration(CoreServices &core, const ApiRequest &request)
{
    QString property = request.pathParam(QStringLiteral("property"));
    if (property.isEmpty())
        property = QStringLiteral("configuration");
    const Result<QString> text =
        inventoryOf(core).deviceText(request.pathParam(QStringLiteral("name")), property);
    if (!text)
        return refusal(text.error());
    return HttpResponse::bytes(text->toUtf8(), "text/plain; charset=utf-8");
}

RouteSpec enmsRoute(const char *method, const QString &path, const QString &summary,
                    const QString &description)
{
    RouteSpec spec = RouteSpec::of(Face::Enms, method, path, summary, description);
    spec.responseSchema = JsonSchema::ofType("object");
    return spec;
}

} // namespace

void InstancesController::registerRoutes(Router &router, CoreServices &core)
{
    const QString instance = QStringLiteral("/rest/instance/{type}/{name}");
    router.add(enmsRoute("GET", instance, QStringLiteral("Get an object"),
                         QStringLiteral("Every property of the object named `name`. A device: "
                                        "the inventory's fields, `driver` (its platform), its "
                                        "site and its custom properties (attributes). A link: "
                                        "`source_name`, `destination_name`, `color`, "
                                        "`description`.")),
               [&core](const ApiRequest &request) { return showOrRemove(core, request, false); });
    router.add(enmsRoute("DELETE", instance, QStringLiteral("Delete an object"),
                         QStringLiteral("Answers the object as it was; a device's links go "
                                        "with it.")),
               [&core](const ApiRequest &request) { return showOrRemove(core, request, true); });
    for (const char *method : {"POST", "PUT"}) {
        RouteSpec spec = enmsRoute(
            method, QStringLiteral("/rest/instance/{type}"),
            QStringLiteral("Create or update objects by name"),
            QStringLiteral("An object or a list: each is created when its `name` is new, else "
                           "updated with the properties given (`new_name` renames). A device's "
                           "unknown properties are custom ones (attributes defined for devices); "
                           "new devices go to the `site` they name, else to Default. A link "
                           "names its devices in `source_name` and `destination_name`. Answers "
                           "`{success: [names], failure: [[object, reason]]}`."));
        spec.requestSchema =
            JsonSchema::object({{QStringLiteral("name"), JsonSchema::ofType("string")},
                                {QStringLiteral("new_name"), JsonSchema::ofType("string")},
                                {QStringLiteral("ip_address"), JsonSchema::ofType("string")},
                                {QStringLiteral("port"), JsonSchema::ofType("integer")},
                                {QStringLiteral("driver"),
                                 JsonSchema::ofType("string", QStringLiteral("The platform."))},
                                {QStringLiteral("vendor"), JsonSchema::ofType("string")},
                                {QStringLiteral("model"), JsonSchema::ofType("string")},
                                {QStringLiteral("os_version"), JsonSchema::ofType("string")},
                                {QStringLiteral("location"), JsonSchema::ofType("string")},
                                {QStringLiteral("latitude"), JsonSchema::ofType("number")},
                                {QStringLiteral("longitude"), JsonSchema::ofType("number")},
                                {QStringLiteral("description"), JsonSchema::ofType("string")},
                                {QStringLiteral("site"), JsonSchema::ofType("string")}},
                               {QStringLiteral("name")});
        router.add(spec, [&core](const ApiRequest &request) { return save(core, request); });
    }
    RouteSpec queried =
        enmsRoute("GET", QStringLiteral("/rest/query/{type}"), QStringLiteral("Query objects"),
                  QStringLiteral("The devices or links whose every property given in the "
                                 "query string has that value; an unknown property is a 400."));
    queried.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    router.add(queried, [&core](const ApiRequest &request) { return query(core, request); });
    for (const QString &path : {QStringLiteral("/rest/configuration/{name}"),
                                QStringLiteral("/rest/configuration/{name}/{property}")}) {
        RouteSpec text = enmsRoute(
            "GET", path, QStringLiteral("A device's stored configuration"),
            QStringLiteral("The text as stored: configuration (the default), operational_data "
                           "or specialized_data."));
        text.responseContentType = QStringLiteral("text/plain");
        text.responseSchema = JsonSchema::ofType("string");
        router.add(text,
                   [&core](const ApiRequest &request) { return configuration(core, request); });
    }
}

} // namespace Cairn
