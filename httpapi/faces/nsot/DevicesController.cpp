#include "DevicesController.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "NsotShapes.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

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

auto shaperFor(CoreServices &core, const ApiRequest &request)
{
    return Nsot::shaper(core, request, Nsot::deviceRows);
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
    const Result<QList<QPair<QString, QString>>> attributes = Nsot::attributeFilters(request);
    if (!attributes)
        return attributes.error();
    filter.attributes = attributes.value();
    return filter;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<DeviceFilter> filter = filterOf(core, request);
    if (!filter)
        return Nsot::error(filter.error());
    return Nsot::listPage(request, core.devices(), filter.value(), shaperFor(core, request));
}

HttpResponse query(CoreServices &core, const ApiRequest &request)
{
    const Result<DeviceFilter> filter = filterOf(core, request);
    if (!filter)
        return Nsot::error(filter.error());
    return Nsot::setQuery(request, core.devices(), filter.value(), shaperFor(core, request));
}

HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    // Devices created without a site land in the default site, as faces without sites do.
    return Nsot::create(request, core.devices(), Nsot::nestedSite(core, request),
                        shaperFor(core, request), 1);
}

HttpResponse bulkChange(CoreServices &core, const ApiRequest &request, bool partial)
{
    return Nsot::bulkChange(request, partial, core.devices(), shaperFor(core, request));
}

HttpResponse bulkRemove(CoreServices &core, const ApiRequest &request)
{
    return Nsot::removeByIds(Nsot::idList(request), [&](const QList<qint64> &ids) {
        return core.devices().remove(*request.identity, ids);
    });
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
    return Nsot::detail(target(core, request), shaperFor(core, request));
}

HttpResponse change(CoreServices &core, const ApiRequest &request, bool partial)
{
    return Nsot::change(request, partial, target(core, request), core.devices(),
                        shaperFor(core, request));
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    const Result<Device> current = target(core, request);
    return Nsot::removeByIds(
        current ? Result<QList<qint64>>(QList<qint64>{current->id})
                : Result<QList<qint64>>(current.error()),
        [&](const QList<qint64> &ids) { return core.devices().remove(*request.identity, ids); });
}

HttpResponse interfaces(CoreServices &core, const ApiRequest &request)
{
    const Result<Device> device = target(core, request);
    if (!device)
        return Nsot::error(device.error());
    InterfaceFilter filter;
    filter.deviceId = device->id;
    return Nsot::listPage(request, core.interfaces(), filter,
                          Nsot::shaper(core, request, Nsot::interfaceRows));
}

} // namespace

void DevicesController::registerRoutes(Router &router, CoreServices &core)
{
    const QList<QueryParameter> listParameters =
        Nsot::listParameters({{QStringLiteral("hostname"), QStringLiteral("string"),
                               QStringLiteral("Exact hostname."), false},
                              {QStringLiteral("attributes"), QStringLiteral("string"),
                               QStringLiteral("name=value, repeatable, ANDed."), false}});
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

        spec.method = "GET";
        spec.path = prefix + QStringLiteral("/devices/{key}/interfaces/");
        spec.summary = QStringLiteral("Device interfaces");
        spec.description = QStringLiteral("The interfaces of this device.");
        spec.queryParameters = Nsot::listParameters({});
        spec.requestSchema = {};
        spec.responseSchema = {};
        spec.successStatus = 200;
        router.add(spec, Nsot::bound(core, interfaces));

        spec.path = prefix + QStringLiteral("/devices/{key}/");
        spec.summary = QStringLiteral("Device Instance");
        spec.description = QStringLiteral("One device by id or hostname.");
        spec.successStatus = 200;
        Nsot::addInstanceRoutes(router, spec, deviceSchema(), Nsot::bound(core, detail),
                                Nsot::bound(core, change), Nsot::bound(core, remove));
    }
}
} // namespace Cairn
