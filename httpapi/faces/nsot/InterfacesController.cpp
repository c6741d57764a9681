#include "InterfacesController.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "NsotShapes.h"
#include "net/MacAddress.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

QJsonObject interfaceSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {
             QStringLiteral("device"),
             JsonSchema::ofType("integer", QStringLiteral("Id (or, when writing, hostname).")),
         },
         {QStringLiteral("device_hostname"), JsonSchema::readOnly(JsonSchema::ofType("string"))},
         {QStringLiteral("name"), JsonSchema::ofType("string")},
         {QStringLiteral("name_slug"),
          JsonSchema::ofType("string", QStringLiteral("hostname:name"))},
         {QStringLiteral("parent_id"), JsonSchema::ofType("integer")},
         {QStringLiteral("parent"), JsonSchema::readOnly(JsonSchema::ofType("string"))},
         {QStringLiteral("description"), JsonSchema::ofType("string")},
         {QStringLiteral("type"),
          JsonSchema::ofType("integer", QStringLiteral("IANA ifType; 6 (ethernet) by default."))},
         {QStringLiteral("mac_address"), JsonSchema::ofType("string")},
         {QStringLiteral("speed"),
          JsonSchema::ofType("integer", QStringLiteral("Mbps; 1000 by default."))},
         {QStringLiteral("addresses"), JsonSchema::arrayOf(JsonSchema::ofType("string"))},
         {QStringLiteral("networks"),
          JsonSchema::readOnly(JsonSchema::arrayOf(JsonSchema::ofType("string")))},
         {QStringLiteral("attributes"),
          JsonSchema::ofType("object", QStringLiteral("Dictionary of attributes to set."))}},
        {QStringLiteral("device"), QStringLiteral("name")});
}

QJsonObject assignmentSchema()
{
    return JsonSchema::object({{QStringLiteral("id"), JsonSchema::ofType("integer")},
                               {QStringLiteral("device"), JsonSchema::ofType("integer")},
                               {QStringLiteral("hostname"), JsonSchema::ofType("string")},
                               {QStringLiteral("interface"), JsonSchema::ofType("integer")},
                               {QStringLiteral("interface_name"), JsonSchema::ofType("string")},
                               {QStringLiteral("address"), JsonSchema::ofType("string")}});
}

Result<InterfaceFilter> filterOf(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    InterfaceFilter filter;
    filter.siteId = site.value();
    const auto text = [&](const char *name) {
        return request.http.queryValue(QString::fromLatin1(name));
    };
    // pynsot sends a numeric device as `device` and a hostname as `device_hostname`; take both.
    bool numeric = false;
    const qint64 device = text("device").toLongLong(&numeric);
    if (numeric)
        filter.deviceId = device;
    else
        filter.deviceHostname = text("device");
    for (const char *name : {"device_hostname", "device__hostname"}) {
        if (!text(name).isEmpty())
            filter.deviceHostname = text(name);
    }
    filter.name = text("name");
    if (request.http.query.hasQueryItem(QStringLiteral("description")))
        filter.description = text("description");
    for (const auto &[name, target] :
         {std::pair{"speed", &filter.speed}, std::pair{"type", &filter.type}}) {
        if (text(name).isEmpty())
            continue;
        bool ok = false;
        *target = text(name).toInt(&ok);
        if (!ok)
            return Error::invalidField(QString::fromLatin1(name),
                                       QStringLiteral("Enter a whole number."));
    }
    if (!text("parent_id").isEmpty()) {
        bool ok = false;
        filter.parentId = std::optional<qint64>(text("parent_id").toLongLong(&ok));
        if (!ok)
            return Error::invalidField(QStringLiteral("parent_id"),
                                       QStringLiteral("Enter a whole number."));
    }
    if (!text("mac_address").isEmpty()) {
        const Result<std::optional<qint64>> mac =
            MacAddress::parse(text("mac_address"), QStringLiteral("mac_address"));
        if (!mac)
            return mac.error();
        filter.macAddress = mac.value();
    }
    const Result<QList<QPair<QString, QString>>> attributes = Nsot::attributeFilters(request);
    if (!attributes)
        return attributes.error();
    filter.attributes = attributes.value();
    return filter;
}

struct InterfaceTraits
{
    static InterfaceService &service(CoreServices &core) { return core.interfaces(); }
    static constexpr auto filter = filterOf;
    static constexpr auto rows = Nsot::interfaceRows;
};
using Handlers = Nsot::Resource<InterfaceTraits>;

Result<Interface> target(CoreServices &core, const ApiRequest &request)
{
    return Handlers::target(core, request);
}

auto shaperFor(CoreServices &core, const ApiRequest &request)
{
    return Handlers::shaperFor(core, request);
}

// Interface walks: the filter selecting the answer from the interface.
using Walk = InterfaceFilter (*)(const Interface &);

InterfaceFilter ancestors(const Interface &interface)
{
    InterfaceFilter filter;
    filter.ancestorsOf = interface.id;
    return filter;
}

InterfaceFilter children(const Interface &interface)
{
    InterfaceFilter filter;
    filter.parentId = std::optional<qint64>(interface.id);
    return filter;
}

InterfaceFilter descendants(const Interface &interface)
{
    InterfaceFilter filter;
    filter.descendantsOf = interface.id;
    return filter;
}

InterfaceFilter siblings(const Interface &interface)
{
    InterfaceFilter filter;
    filter.deviceId = interface.deviceId;
    filter.parentId = interface.parentId;
    filter.excludeId = interface.id;
    return filter;
}

HttpResponse walk(CoreServices &core, const ApiRequest &request, Walk selection)
{
    const Result<Interface> interface = target(core, request);
    if (!interface)
        return Nsot::error(interface.error());
    return Nsot::listPage(request, core.interfaces(), selection(interface.value()),
                          shaperFor(core, request));
}

HttpResponse parent(CoreServices &core, const ApiRequest &request)
{
    const Result<Interface> interface = target(core, request);
    if (!interface)
        return Nsot::error(interface.error());
    if (!interface->parentId)
        return Nsot::error(Error::notFound(
            QStringLiteral("The interface %1 has no parent.").arg(interface->nameSlug())));
    return Nsot::detail(core.interfaces().get(QString::number(*interface->parentId)),
                        shaperFor(core, request));
}

HttpResponse root(CoreServices &core, const ApiRequest &request)
{
    Result<Interface> interface = target(core, request);
    while (interface && interface->parentId)
        interface = core.interfaces().get(QString::number(*interface->parentId));
    return Nsot::detail(interface, shaperFor(core, request));
}

// The addresses of the interface, or the networks they belong to, as network objects.
HttpResponse networks(CoreServices &core, const ApiRequest &request, bool ofAddresses)
{
    const Result<Interface> interface = target(core, request);
    if (!interface)
        return Nsot::error(interface.error());
    NetworkFilter filter;
    filter.byAddress = true;
    if (ofAddresses)
        filter.addressesOf = QList<qint64>{interface->id};
    else
        filter.networksOf = interface->id;
    return Nsot::listPage(request, core.networks(), filter,
                          Nsot::shaper(core, request, Nsot::networkRows));
}

HttpResponse assignments(CoreServices &core, const ApiRequest &request)
{
    const Result<Interface> interface = target(core, request);
    if (!interface)
        return Nsot::error(interface.error());
    return Nsot::assignmentPage(request, core.interfaces().assignments({interface->id}));
}

} // namespace

void InterfacesController::registerRoutes(Router &router, CoreServices &core)
{
    const Nsot::ResourceDocs docs{
        QStringLiteral("Interface"),
        QStringLiteral("interfaces"),
        QStringLiteral("id or name_slug (hostname:name)"),
        QStringLiteral("e.g. vlan=100 -role=uplink"),
        interfaceSchema(),
        Nsot::listParameters(
            {{QStringLiteral("device"), QStringLiteral("string"),
              QStringLiteral("Device id or hostname."), false},
             {QStringLiteral("device_hostname"), QStringLiteral("string"), {}, false},
             {QStringLiteral("name"), QStringLiteral("string"), {}, false},
             {QStringLiteral("speed"), QStringLiteral("integer"), {}, false},
             {QStringLiteral("type"), QStringLiteral("integer"), {}, false},
             {QStringLiteral("mac_address"), QStringLiteral("string"), {}, false},
             {QStringLiteral("description"), QStringLiteral("string"), {}, false},
             {QStringLiteral("parent_id"), QStringLiteral("integer"), {}, false},
             {QStringLiteral("attributes"), QStringLiteral("string"),
              QStringLiteral("name=value, repeatable, ANDed."), false}}),
        {}};
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        const QString base = prefix + QStringLiteral("/interfaces/");
        Handlers::addListRoutes(router, core, prefix, docs);

        RouteSpec one;
        one.face = Face::Nsot;
        one.method = "GET";
        one.path = base + QStringLiteral("{key*}/");
        one.queryParameters = Nsot::listParameters({});
        one.responseSchema = JsonSchema::arrayOf(interfaceSchema());
        for (const auto &[name, selection, description] :
             {std::tuple{"ancestors", Walk(ancestors),
                         "Parents of this interface, up to the root."},
              std::tuple{"children", Walk(children), "Interfaces whose parent this is."},
              std::tuple{"descendants", Walk(descendants), "Every interface below this one."},
              std::tuple{"siblings", Walk(siblings),
                         "Interfaces of the same device with the same parent."}}) {
            RouteSpec walkSpec = one;
            walkSpec.path += QString::fromLatin1(name) + QLatin1Char('/');
            walkSpec.summary = QStringLiteral("Interface ") + QString::fromLatin1(name);
            walkSpec.description = QString::fromLatin1(description);
            const Walk chosen = selection;
            router.add(walkSpec, [&core, chosen](const ApiRequest &request) {
                return walk(core, request, chosen);
            });
        }
        for (const bool ofAddresses : {true, false}) {
            RouteSpec networkSpec = one;
            networkSpec.path +=
                ofAddresses ? QStringLiteral("addresses/") : QStringLiteral("networks/");
            networkSpec.summary = ofAddresses ? QStringLiteral("Interface addresses")
                                              : QStringLiteral("Interface networks");
            networkSpec.description =
                ofAddresses ? QStringLiteral("The addresses assigned to this interface.")
                            : QStringLiteral("The networks its addresses belong to.");
            networkSpec.responseSchema = {};
            router.add(networkSpec, [&core, ofAddresses](const ApiRequest &request) {
                return networks(core, request, ofAddresses);
            });
        }
        RouteSpec assigned = one;
        assigned.path += QStringLiteral("assignments/");
        assigned.summary = QStringLiteral("Interface assignments");
        assigned.description = QStringLiteral("Its addresses as device/interface/address rows.");
        assigned.queryParameters = Nsot::listParameters({}).mid(0, 2);
        assigned.responseSchema = JsonSchema::arrayOf(assignmentSchema());
        router.add(assigned, Nsot::bound(core, assignments));

        RouteSpec single = one;
        single.queryParameters = Nsot::listParameters({}).mid(2);
        single.responseSchema = interfaceSchema();
        single.path = one.path + QStringLiteral("parent/");
        single.summary = QStringLiteral("Interface parent");
        single.description = QStringLiteral("The parent interface; 404 for a top-level one.");
        router.add(single, Nsot::bound(core, parent));
        single.path = one.path + QStringLiteral("root/");
        single.summary = QStringLiteral("Interface root");
        single.description =
            QStringLiteral("The top of this interface's tree (itself at the top).");
        router.add(single, Nsot::bound(core, root));

        Handlers::addInstanceRoutes(router, core, one.path, docs);
    }
}

} // namespace Cairn
