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
        {QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
        {QStringLiteral("site_id"), JsonSchema::ofType("integer")},
        {QStringLiteral("hostname"), JsonSchema::text(255, QStringLiteral("Unique in its site."))},
        {QStringLiteral("attributes"),
         JsonSchema::ofType("object", QStringLiteral("Dictionary of attributes to set."))},
        {QStringLiteral("port"), JsonSchema::ofType("integer")},
        {QStringLiteral("latitude"), JsonSchema::ofType("number")},
        {QStringLiteral("longitude"), JsonSchema::ofType("number")}};
    for (const QString &field : Device::DetailFields + Device::TextFields) {
        if (!properties.contains(field))
            properties.insert(field, JsonSchema::ofType("string"));
    }
    return JsonSchema::object(properties, {QStringLiteral("hostname")});
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

struct DeviceTraits
{
    static DeviceService &service(CoreServices &core) { return core.devices(); }
    static constexpr auto filter = filterOf;
    static constexpr auto rows = Nsot::deviceRows;
    // Created without a site, as by faces without sites: the default site.
    static constexpr qint64 FallbackSite = 1;
};
using Handlers = Nsot::Resource<DeviceTraits>;

Result<Device> target(CoreServices &core, const ApiRequest &request)
{
    return Handlers::target(core, request);
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
    const Nsot::ResourceDocs docs{
        QStringLiteral("Device"),
        QStringLiteral("devices"),
        QStringLiteral("id or hostname"),
        QStringLiteral("e.g. vendor=juniper -metro=lax"),
        deviceSchema(),
        Nsot::listParameters({{QStringLiteral("hostname"), QStringLiteral("string"),
                               QStringLiteral("Exact hostname."), false},
                              {QStringLiteral("attributes"), QStringLiteral("string"),
                               QStringLiteral("name=value, repeatable, ANDed."), false}}),
        {}};
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        Handlers::addListRoutes(router, core, prefix, docs);
        RouteSpec spec;
        spec.face = Face::Nsot;
        spec.method = "GET";
        spec.path = prefix + QStringLiteral("/devices/{key}/interfaces/");
        spec.summary = QStringLiteral("Device interfaces");
        spec.description = QStringLiteral("The interfaces of this device.");
        spec.queryParameters = Nsot::listParameters({});
        router.add(spec, Nsot::bound(core, interfaces));
        Handlers::addInstanceRoutes(router, core, prefix + QStringLiteral("/devices/{key}/"), docs);
    }
}

} // namespace Cairn
