#include "CircuitsController.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "NsotShapes.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

QJsonObject circuitSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("name"),
          JsonSchema::ofType("string", QStringLiteral("Default: <endpoint_a>_<endpoint_z>."))},
         {QStringLiteral("name_slug"), JsonSchema::readOnly(JsonSchema::ofType("string"))},
         {QStringLiteral("endpoint_a"),
          JsonSchema::ofType("string", QStringLiteral("Interface name_slug (or id)."))},
         {QStringLiteral("endpoint_z"),
          JsonSchema::ofType("string", QStringLiteral("Interface name_slug (or id), or null."))},
         {QStringLiteral("attributes"),
          JsonSchema::ofType("object", QStringLiteral("Dictionary of attributes to set."))}},
        {QStringLiteral("endpoint_a")});
}

Result<CircuitFilter> filterOf(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    CircuitFilter filter;
    filter.siteId = site.value();
    filter.name = request.http.queryValue(QStringLiteral("name"));
    for (const auto &[name, target] :
         {std::pair{QStringLiteral("endpoint_a"), &filter.endpointA},
          std::pair{QStringLiteral("endpoint_z"), &filter.endpointZ}}) {
        const QString key = request.http.queryValue(name);
        if (key.isEmpty())
            continue;
        const Result<Interface> interface = core.interfaces().get(key, filter.siteId);
        // An endpoint that does not exist matches no circuit.
        *target = interface ? interface->id : 0;
    }
    const Result<QList<QPair<QString, QString>>> attributes = Nsot::attributeFilters(request);
    if (!attributes)
        return attributes.error();
    filter.attributes = attributes.value();
    return filter;
}

struct CircuitTraits
{
    static CircuitService &service(CoreServices &core) { return core.circuits(); }
    static constexpr auto filter = filterOf;
    static constexpr auto rows = Nsot::circuitRows;
};
using Handlers = Nsot::Resource<CircuitTraits>;

Result<Circuit> target(CoreServices &core, const ApiRequest &request)
{
    return Handlers::target(core, request);
}

auto shaperFor(CoreServices &core, const ApiRequest &request)
{
    return Handlers::shaperFor(core, request);
}

QList<qint64> endpointsOf(const Circuit &circuit)
{
    QList<qint64> ids{circuit.endpointA};
    if (circuit.endpointZ)
        ids << *circuit.endpointZ;
    return ids;
}

HttpResponse interfaces(CoreServices &core, const ApiRequest &request)
{
    const Result<Circuit> circuit = target(core, request);
    if (!circuit)
        return Nsot::error(circuit.error());
    InterfaceFilter filter;
    filter.ids = endpointsOf(circuit.value());
    return Nsot::listPage(request, core.interfaces(), filter,
                          Nsot::shaper(core, request, Nsot::interfaceRows));
}

HttpResponse devices(CoreServices &core, const ApiRequest &request)
{
    const Result<Circuit> circuit = target(core, request);
    if (!circuit)
        return Nsot::error(circuit.error());
    InterfaceFilter endpoints;
    endpoints.ids = endpointsOf(circuit.value());
    const Result<QList<Interface>> found = core.interfaces().list(endpoints);
    if (!found)
        return Nsot::error(found.error());
    DeviceFilter filter;
    filter.ids = QList<qint64>();
    for (const Interface &interface : found.value())
        filter.ids->append(interface.deviceId);
    return Nsot::listPage(request, core.devices(), filter,
                          Nsot::shaper(core, request, Nsot::deviceRows));
}

// The addresses on both endpoints and on their child interfaces.
HttpResponse addresses(CoreServices &core, const ApiRequest &request)
{
    const Result<Circuit> circuit = target(core, request);
    if (!circuit)
        return Nsot::error(circuit.error());
    QList<qint64> interfaceIds = endpointsOf(circuit.value());
    for (qint64 endpoint : endpointsOf(circuit.value())) {
        InterfaceFilter children;
        children.parentId = std::optional<qint64>(endpoint);
        const Result<QList<Interface>> found = core.interfaces().list(children);
        if (!found)
            return Nsot::error(found.error());
        for (const Interface &child : found.value())
            interfaceIds << child.id;
    }
    NetworkFilter filter;
    filter.byAddress = true;
    filter.addressesOf = interfaceIds;
    return Nsot::listPage(request, core.networks(), filter,
                          Nsot::shaper(core, request, Nsot::networkRows));
}

// GET /interfaces/{key}/circuit/: the circuit the interface is an endpoint of.
HttpResponse circuitOfInterface(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return Nsot::error(site.error());
    const Result<Interface> interface =
        core.interfaces().get(request.pathParam(QStringLiteral("key")), site.value());
    if (!interface)
        return Nsot::error(interface.error());
    CircuitFilter filter;
    filter.interfaceId = interface->id;
    const Result<QList<Circuit>> found = core.circuits().list(filter);
    if (found && found->isEmpty())
        return Nsot::error(Error::notFound(
            QStringLiteral("No Circuit found at Interface %1.").arg(interface->nameSlug())));
    return Nsot::detail(found ? Result<Circuit>(found->first()) : Result<Circuit>(found.error()),
                        shaperFor(core, request));
}

// GET /devices/{key}/circuits/: circuits with an endpoint on the device.
HttpResponse circuitsOfDevice(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return Nsot::error(site.error());
    const Result<Device> device =
        core.devices().get(request.pathParam(QStringLiteral("key")), site.value());
    if (!device)
        return Nsot::error(device.error());
    CircuitFilter filter;
    filter.deviceId = device->id;
    return Nsot::listPage(request, core.circuits(), filter, shaperFor(core, request));
}

} // namespace

void CircuitsController::registerRoutes(Router &router, CoreServices &core)
{
    const Nsot::ResourceDocs docs{
        QStringLiteral("Circuit"),
        QStringLiteral("circuits"),
        QStringLiteral("id or name_slug"),
        QStringLiteral("e.g. provider=acme"),
        circuitSchema(),
        Nsot::listParameters({{QStringLiteral("name"), QStringLiteral("string"), {}, false},
                              {QStringLiteral("endpoint_a"), QStringLiteral("string"),
                               QStringLiteral("Interface id or name_slug."), false},
                              {QStringLiteral("endpoint_z"), QStringLiteral("string"),
                               QStringLiteral("Interface id or name_slug."), false},
                              {QStringLiteral("attributes"), QStringLiteral("string"),
                               QStringLiteral("name=value, repeatable, ANDed."), false}}),
        {}};
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        const QString base = prefix + QStringLiteral("/circuits/");
        Handlers::addListRoutes(router, core, prefix, docs);

        RouteSpec walk;
        walk.face = Face::Nsot;
        walk.method = "GET";
        walk.queryParameters = Nsot::listParameters({});
        for (const auto &[name, handler, description] :
             {std::tuple{"addresses", &addresses,
                         "Addresses on both ends and their sub-interfaces."},
              std::tuple{"devices", &devices, "The devices at both ends."},
              std::tuple{"interfaces", &interfaces, "The interfaces at both ends."}}) {
            walk.path =
                base + QStringLiteral("{key}/") + QString::fromLatin1(name) + QLatin1Char('/');
            walk.summary = QStringLiteral("Circuit ") + QString::fromLatin1(name);
            walk.description = QString::fromLatin1(description);
            router.add(walk, Nsot::bound(core, handler));
        }
        walk.path = prefix + QStringLiteral("/devices/{key}/circuits/");
        walk.summary = QStringLiteral("Device circuits");
        walk.description = QStringLiteral("Circuits with an endpoint on this device.");
        walk.responseSchema = JsonSchema::arrayOf(circuitSchema());
        router.add(walk, Nsot::bound(core, circuitsOfDevice));
        walk.path = prefix + QStringLiteral("/interfaces/{key*}/circuit/");
        walk.summary = QStringLiteral("Interface circuit");
        walk.description =
            QStringLiteral("The circuit this interface is an endpoint of; 404 if none.");
        walk.queryParameters = Nsot::listParameters({}).mid(2);
        walk.responseSchema = circuitSchema();
        router.add(walk, Nsot::bound(core, circuitOfInterface));

        Handlers::addInstanceRoutes(router, core, base + QStringLiteral("{key}/"), docs);
    }
}

} // namespace Cairn
