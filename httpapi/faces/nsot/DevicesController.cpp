#include "DevicesController.h"

#include "CoreServices.h"
#include "NsotSupport.h"
#include "Representation.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

// NSoT shows these; ?fields= may also name the product-wide ones (ip_address, platform, ...).
const QStringList Visible{QStringLiteral("id"), QStringLiteral("site_id"),
                          QStringLiteral("hostname"), QStringLiteral("attributes")};

QJsonObject deviceSchema()
{
    QJsonObject properties{
        {QStringLiteral("id"), JsonSchema::ofType("integer")},
        {QStringLiteral("site_id"), JsonSchema::ofType("integer")},
        {QStringLiteral("hostname"),
         JsonSchema::ofType("string", QStringLiteral("Unique in its site."))},
        {QStringLiteral("attributes"),
         JsonSchema::ofType("object", QStringLiteral("Dictionary of attributes to set."))},
        {QStringLiteral("port"), JsonSchema::ofType("integer")},
        {QStringLiteral("latitude"), JsonSchema::ofType("number")},
        {QStringLiteral("longitude"), JsonSchema::ofType("number")}};
    for (const QString &field : Device::DetailFields) {
        if (!properties.contains(field))
            properties.insert(field, JsonSchema::ofType("string"));
    }
    return JsonSchema::object(properties, {QStringLiteral("hostname")});
}

Representation representationFor(CoreServices &core, const ApiRequest &request)
{
    Representation representation(request);
    Nsot::addSiteExpander(representation, core);
    return representation;
}

QJsonArray shaped(CoreServices &core, const ApiRequest &request, const QList<Device> &devices)
{
    const Representation representation = representationFor(core, request);
    QJsonArray array;
    for (const Device &device : devices)
        array.append(representation.shape(device.toJson(), Visible));
    return array;
}

// The list filters shared by the list and the set-query routes.
Result<DeviceFilter> filterOf(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    DeviceFilter filter;
    filter.siteId = site.value();
    if (!filter.siteId && !request.http.queryValue(QStringLiteral("site_id")).isEmpty())
        filter.siteId = request.http.queryValue(QStringLiteral("site_id")).toLongLong();
    filter.hostname = request.http.queryValue(QStringLiteral("hostname"));
    for (const QString &pair :
         request.http.query.allQueryItemValues(QStringLiteral("attributes"), QUrl::FullyDecoded)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return Error::invalidField(QStringLiteral("attributes"),
                                       QStringLiteral("Expected attributes=name=value."));
        filter.attributes << qMakePair(pair.left(equals), pair.mid(equals + 1));
    }
    return filter;
}

HttpResponse respondPage(CoreServices &core, const ApiRequest &request, DeviceFilter filter)
{
    const Result<Page> page = Page::fromRequest(request);
    if (!page)
        return Nsot::error(page.error());
    filter.limit = page->rowsToFetch();
    filter.offset = page->offset;
    const Result<QList<Device>> devices = core.devices().list(filter);
    const Result<qint64> total = page->limit ? core.devices().count(filter) : Result<qint64>(0);
    if (!devices || !total)
        return Nsot::error(devices ? total.error() : devices.error());
    return page->respond(request, shaped(core, request, devices.value()), total.value());
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<DeviceFilter> filter = filterOf(core, request);
    if (!filter)
        return Nsot::error(filter.error());
    return respondPage(core, request, filter.value());
}

HttpResponse query(CoreServices &core, const ApiRequest &request)
{
    Result<DeviceFilter> filter = filterOf(core, request);
    if (!filter)
        return Nsot::error(filter.error());
    const Result<QList<qint64>> ids =
        core.devices().query(filter->siteId, request.http.queryValue(QStringLiteral("query")));
    if (!ids)
        return Nsot::error(ids.error());
    filter->ids = ids.value();
    if (request.queryFlag(QStringLiteral("unique"))) {
        const Result<qint64> total = core.devices().count(filter.value());
        if (!total)
            return Nsot::error(total.error());
        if (total.value() != 1)
            return Nsot::error(Error::invalidField(
                QStringLiteral("query"),
                QStringLiteral("Query returned %1 results, but exactly 1 expected")
                    .arg(total.value())));
    }
    return respondPage(core, request, filter.value());
}

HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    bool wasArray = false;
    const Result<QJsonArray> items = Nsot::items(request, &wasArray);
    if (!site || !items)
        return Nsot::error(site ? items.error() : site.error());
    // Devices created without a site land in the default site, as faces without sites do.
    const Result<QList<Device>> created =
        core.devices().create(*request.identity, items.value(), site.value().value_or(1));
    if (!created)
        return Nsot::error(created.error());
    const QJsonArray array = shaped(core, request, created.value());
    return wasArray ? Nsot::created(request, array, std::nullopt)
                    : Nsot::created(request, array.first(), created->first().id);
}

HttpResponse bulkChange(CoreServices &core, const ApiRequest &request, bool partial)
{
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return Nsot::error(body.error());
    if (!body->isArray())
        return Nsot::error(
            Error::badRequest(QStringLiteral("Expected a list of objects, each with its id.")));
    const Result<QList<Device>> updated =
        core.devices().update(*request.identity, body->toArray(), partial);
    if (!updated)
        return Nsot::error(updated.error());
    return HttpResponse::json(shaped(core, request, updated.value()));
}

HttpResponse bulkRemove(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<qint64>> ids = Nsot::idList(request);
    if (!ids)
        return Nsot::error(ids.error());
    const Result<void> removed = core.devices().remove(*request.identity, ids.value());
    if (!removed)
        return Nsot::error(removed.error());
    return HttpResponse::noContent();
}

Result<Device> target(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    return core.devices().get(request.pathParam(QStringLiteral("key")), site.value());
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<Device> device = target(core, request);
    if (!device)
        return Nsot::error(device.error());
    return HttpResponse::json(representationFor(core, request).shape(device->toJson(), Visible));
}

HttpResponse change(CoreServices &core, const ApiRequest &request, bool partial)
{
    const Result<Device> current = target(core, request);
    Result<QJsonObject> body = request.bodyObject();
    if (!current || !body)
        return Nsot::error(current ? body.error() : current.error());
    body->insert(QStringLiteral("id"), current->id);
    const Result<QList<Device>> updated =
        core.devices().update(*request.identity, QJsonArray{body.value()}, partial);
    if (!updated)
        return Nsot::error(updated.error());
    return HttpResponse::json(shaped(core, request, updated.value()).first());
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    const Result<Device> current = target(core, request);
    if (!current)
        return Nsot::error(current.error());
    const Result<void> removed = core.devices().remove(*request.identity, {current->id});
    if (!removed)
        return Nsot::error(removed.error());
    return HttpResponse::noContent();
}

} // namespace

void DevicesController::registerRoutes(Router &router, CoreServices &core)
{
    const QList<QueryParameter> listParameters{
        {QStringLiteral("hostname"), QStringLiteral("string"), QStringLiteral("Exact hostname."),
         false},
        {QStringLiteral("attributes"), QStringLiteral("string"),
         QStringLiteral("name=value, repeatable, ANDed."), false},
        {QStringLiteral("limit"), QStringLiteral("integer"), {}, false},
        {QStringLiteral("offset"), QStringLiteral("integer"), {}, false},
        {QStringLiteral("fields"), QStringLiteral("string"), QStringLiteral("Only these fields."),
         false},
        {QStringLiteral("omit"), QStringLiteral("string"), QStringLiteral("All but these fields."),
         false},
        {QStringLiteral("expand"), QStringLiteral("string"),
         QStringLiteral("Inline these related objects."), false}};
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        RouteSpec spec;
        spec.face = Face::Nsot;
        spec.method = "GET";
        spec.path = prefix + QStringLiteral("/devices/query/");
        spec.summary = QStringLiteral("Device Set Query");
        spec.description = QStringLiteral("Devices selected by a set query of attribute terms.");
        spec.queryParameters = listParameters;
        spec.queryParameters.prepend({QStringLiteral("unique"), QStringLiteral("boolean"),
                                      QStringLiteral("Exactly one result expected."), false});
        spec.queryParameters.prepend({QStringLiteral("query"), QStringLiteral("string"),
                                      QStringLiteral("e.g. vendor=juniper -metro=lax"), true});
        spec.responseSchema = JsonSchema::arrayOf(deviceSchema());
        router.add(spec, Nsot::bound(core, query));

        spec.path = prefix + QStringLiteral("/devices/");
        spec.summary = QStringLiteral("Device List");
        spec.description =
            QStringLiteral("API endpoint that allows Devices to be viewed or edited; "
                           "POST one device or a list (all or none).");
        spec.queryParameters = listParameters;
        Nsot::addCollectionRoutes(router, spec, deviceSchema(), Nsot::bound(core, list),
                                  Nsot::bound(core, create));

        spec.description =
            QStringLiteral("Update several devices at once (all or none), each with its id.");
        spec.queryParameters = {};
        spec.requestSchema = JsonSchema::arrayOf(deviceSchema());
        spec.responseSchema = JsonSchema::arrayOf(deviceSchema());
        router.addPutAndPatch(spec, Nsot::bound(core, bulkChange));
        spec.method = "DELETE";
        spec.description = QStringLiteral("Delete several devices by id (all or none).");
        spec.requestSchema = JsonSchema::arrayOf(JsonSchema::ofType("integer"));
        spec.responseSchema = {};
        spec.successStatus = 204;
        router.add(spec, Nsot::bound(core, bulkRemove));

        spec.path = prefix + QStringLiteral("/devices/{key}/");
        spec.summary = QStringLiteral("Device Instance");
        spec.description = QStringLiteral("One device by id or hostname.");
        spec.successStatus = 200;
        Nsot::addInstanceRoutes(router, spec, deviceSchema(), Nsot::bound(core, detail),
                                Nsot::bound(core, change), Nsot::bound(core, remove));
    }
}
} // namespace Cairn
