#include "InstancesController.h"

#include "CoreServices.h"
#include "automation/AutomationParts.h"
#include "automation/EnmsSearch.h"
#include "automation/ServiceTypes.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

HttpResponse refusal(const Error &error)
{
    return FaceErrors::response(Face::Enms, error);
}

// The eNMS types served so far, each by its core part, built for one request.
class Instances
{
public:
    explicit Instances(CoreServices &core)
        : m_parts(core)
    {
    }

    // A 404 naming a type not served yet.
    static std::optional<Error> unsupported(const QString &type)
    {
        if (types().contains(type) || isService(type))
            return std::nullopt;
        return Error::notFound(
            QStringLiteral("Instance type %1 is not served yet; %2 are.")
                .arg(type, (types() + ServiceTypes::names()).join(QLatin1String(", "))));
    }

    Result<QJsonObject> get(const Identity &caller, const QString &type, const QString &name)
    {
        if (type == u"credential")
            return m_parts.credentials.credential(caller, name);
        if (isService(type))
            return m_parts.services.service(type, name);
        if (type == u"link")
            return m_parts.links.link(name);
        if (type == u"pool")
            return m_parts.pools.pool(name);
        if (type == u"task")
            return m_parts.tasks.task(name);
        return m_parts.devices.device(name);
    }

    Result<QJsonObject> remove(const Identity &caller, const QString &type, const QString &name)
    {
        if (type == u"credential")
            return m_parts.credentials.removeCredential(caller, name);
        if (isService(type))
            return m_parts.services.removeService(caller, type, name);
        if (type == u"link")
            return m_parts.links.removeLink(caller, name);
        if (type == u"pool")
            return m_parts.pools.removePool(caller, name);
        if (type == u"task")
            return m_parts.tasks.removeTask(caller, name);
        return m_parts.devices.removeDevice(caller, name);
    }

    SaveReport save(const Identity &caller, const QString &type, const QJsonArray &objects)
    {
        if (type == u"credential")
            return m_parts.credentials.saveCredentials(caller, objects);
        if (isService(type))
            return m_parts.services.saveServices(caller, type, objects);
        if (type == u"link")
            return m_parts.links.saveLinks(caller, objects);
        if (type == u"pool")
            return m_parts.pools.savePools(caller, objects);
        if (type == u"task")
            return m_parts.tasks.saveTasks(caller, objects);
        return m_parts.devices.saveDevices(caller, objects);
    }

    Result<QJsonArray> query(const Identity &caller, const QString &type,
                             const QList<QPair<QString, QString>> &equal)
    {
        if (type == u"credential")
            return m_parts.credentials.queryCredentials(caller, equal);
        if (isService(type))
            return m_parts.services.queryServices(type, equal);
        if (type == u"link")
            return m_parts.links.queryLinks(equal);
        if (type == u"pool")
            return m_parts.pools.queryPools(equal);
        if (type == u"task")
            return m_parts.tasks.queryTasks(equal);
        return m_parts.devices.queryDevices(equal);
    }

    AutomationInventory &devices() { return m_parts.devices; }
    Result<QJsonArray> results(const Identity &caller) { return m_parts.runs.results(caller); }

private:
    // `service`, a service type, or an eNMS name for one.
    static bool isService(const QString &type)
    {
        return type == u"service" || !ServiceTypes::canonical(type).isEmpty();
    }

    static const QStringList &types()
    {
        static const QStringList served{QStringLiteral("device"), QStringLiteral("link"),
                                        QStringLiteral("pool"), QStringLiteral("task"),
                                        QStringLiteral("credential")};
        return served;
    }

    AutomationParts m_parts;
};

HttpResponse showOrRemove(CoreServices &core, const ApiRequest &request, bool remove)
{
    const QString type = request.pathParam(QStringLiteral("type"));
    if (const std::optional<Error> unsupported = Instances::unsupported(type))
        return refusal(*unsupported);
    const QString name = request.pathParam(QStringLiteral("name"));
    Instances instances(core);
    const Result<QJsonObject> object = remove ? instances.remove(*request.identity, type, name)
                                              : instances.get(*request.identity, type, name);
    if (!object)
        return refusal(object.error());
    return HttpResponse::json(object.value());
}

// One object or a list; each saved or refused on its own, as eNMS does.
HttpResponse save(CoreServices &core, const ApiRequest &request)
{
    const QString type = request.pathParam(QStringLiteral("type"));
    if (const std::optional<Error> unsupported = Instances::unsupported(type))
        return refusal(*unsupported);
    if (request.identity->readOnly)
        return refusal(Error::forbidden(QStringLiteral("A read-only token cannot save objects.")));
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return refusal(body.error());
    if (!body->isObject() && !body->isArray())
        return refusal(Error::badRequest(QStringLiteral("Send an object or a list of objects.")));
    const QJsonArray objects = body->isArray() ? body->toArray() : QJsonArray{body.value()};
    const SaveReport report = Instances(core).save(*request.identity, type, objects);
    return HttpResponse::json(
        QJsonObject{{QStringLiteral("success"), QJsonArray::fromStringList(report.success)},
                    {QStringLiteral("failure"), report.failure}});
}

HttpResponse query(CoreServices &core, const ApiRequest &request)
{
    const QString type = request.pathParam(QStringLiteral("type"));
    if (const std::optional<Error> unsupported = Instances::unsupported(type))
        return refusal(*unsupported);
    QList<QPair<QString, QString>> equal;
    for (const auto &[key, value] : request.http.query.queryItems(QUrl::FullyDecoded))
        equal.append({key, value});
    const Result<QJsonArray> objects = Instances(core).query(*request.identity, type, equal);
    if (!objects)
        return refusal(objects.error());
    return HttpResponse::json(objects.value());
}

// POST /rest/search: one type's objects, filtered, ordered, paged and cut to the columns asked.
HttpResponse search(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return refusal(body.error());
    const QString type = body->value(QStringLiteral("type")).toString();
    // Results are searched (eNMS's way to read one run's results), not saved or deleted.
    const bool results = type == u"result";
    if (const std::optional<Error> unsupported = Instances::unsupported(type);
        unsupported && !results)
        return refusal(Error::invalidField(QStringLiteral("type"), unsupported->message));
    // Every object of the type read and filtered (configurations too): off the listener.
    return HttpResponse::later([services = &core, type, results, caller = *request.identity,
                                request = body.value()] {
        Instances instances(*services);
        const bool texts =
            type == u"device" &&
            std::any_of(Device::TextFields.cbegin(), Device::TextFields.cend(),
                        [&](const QString &text) { return EnmsSearch::reads(request, text); });
        Result<QJsonArray> rows = QJsonArray();
        if (type == u"device") {
            // Each device with what the search reads: 100k devices are searched in a second.
            const Result<AutomationInventory::DeviceView> devices = instances.devices().viewDevices(
                EnmsSearch::properties(request), texts,
                EnmsSearch::narrowing(request, &AutomationInventory::isStandard));
            if (!devices)
                return refusal(devices.error());
            QJsonArray objects;
            for (const QJsonObject &device : devices->devices)
                objects.append(device);
            rows = EnmsSearch::run(objects, devices->known, request);
        } else {
            const Result<QJsonArray> objects =
                results ? instances.results(caller) : instances.query(caller, type, {});
            if (!objects)
                return refusal(objects.error());
            rows = EnmsSearch::run(objects.value(), request);
        }
        if (!rows && rows.error().reason == QLatin1String(EnmsSearch::InvalidRegex))
            return HttpResponse::json(QJsonObject{{QStringLiteral("error"), rows.error().message}},
                                      400);
        if (!rows)
            return refusal(rows.error());
        return HttpResponse::json(rows.value());
    });
}

HttpResponse configuration(CoreServices &core, const ApiRequest &request)
{
    QString property = request.pathParam(QStringLiteral("property"));
    if (property.isEmpty())
        property = QStringLiteral("configuration");
    const Result<QString> text =
        Instances(core).devices().deviceText(request.pathParam(QStringLiteral("name")), property);
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
    router.add(
        enmsRoute("GET", instance, QStringLiteral("Get an object"),
                  QStringLiteral("Every property of the object named `name`. A device: "
                                 "the inventory's fields, `driver` (its platform), its "
                                 "site and its custom properties (attributes). A link: "
                                 "`source_name`, `destination_name`, `color`, "
                                 "`description`. A pool: its rules and its members "
                                 "(`devices`, `links`), worked out now. A service (`service` or "
                                 "its type): its settings, `devices` and `pools`.")),
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
                  QStringLiteral("The devices, links or pools whose every property given in the "
                                 "query string has that value; an unknown property is a 400."));
    queried.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    router.add(queried, [&core](const ApiRequest &request) { return query(core, request); });
    RouteSpec searched = enmsRoute(
        "POST", QStringLiteral("/rest/search"), QStringLiteral("Search objects"),
        QStringLiteral("`{type, columns, search_criteria, maximum_return_records (10), start, "
                       "order: [{column, dir}]}`: the rows of that type (device, link, pool, task, "
                       "a service type, or result: the results of runs the caller may read) "
                       "whose every criterion holds (`<column>: value` with `<column>_filter` "
                       "inclusion, equality, regex, empty or exclusion and `<column>_invert`), "
                       "with only `columns`."));
    searched.requestSchema = JsonSchema::object(
        {{QStringLiteral("type"), JsonSchema::ofType("string")},
         {QStringLiteral("columns"), JsonSchema::arrayOf(JsonSchema::ofType("string"))},
         {QStringLiteral("search_criteria"), JsonSchema::ofType("object")},
         {QStringLiteral("maximum_return_records"), JsonSchema::ofType("integer")},
         {QStringLiteral("start"), JsonSchema::ofType("integer")},
         {QStringLiteral("order"), JsonSchema::arrayOf(JsonSchema::ofType("object"))}},
        {QStringLiteral("type")});
    searched.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    router.add(searched, [&core](const ApiRequest &request) { return search(core, request); });
    // Pools are worked out when read: there is nothing to bring up to date.
    router.add(enmsRoute("POST", QStringLiteral("/rest/update_all_pools"),
                         QStringLiteral("Update every pool"),
                         QStringLiteral("Answers true: pools are evaluated whenever they are read, "
                                        "so they are always up to date.")),
               [](const ApiRequest &) { return HttpResponse::json(true); });
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
