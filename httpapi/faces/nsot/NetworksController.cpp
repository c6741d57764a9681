#include "NetworksController.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "NsotShapes.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

constexpr int MaxNextNetworks = 10000;

QJsonObject networkSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("cidr"), JsonSchema::ofType("string", QStringLiteral("e.g. 10.0.0.0/8"))},
         {QStringLiteral("parent_id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("parent"), JsonSchema::readOnly(JsonSchema::ofType("string"))},
         {QStringLiteral("site_id"), JsonSchema::ofType("integer")},
         {QStringLiteral("is_ip"), JsonSchema::readOnly(JsonSchema::ofType("boolean"))},
         {QStringLiteral("ip_version"),
          JsonSchema::readOnly(JsonSchema::ofType("string", QStringLiteral("4 or 6")))},
         {QStringLiteral("network_address"), JsonSchema::ofType("string")},
         {QStringLiteral("prefix_length"), JsonSchema::ofType("integer")},
         {QStringLiteral("state"),
          JsonSchema::ofType("string",
                             QStringLiteral("allocated, assigned, reserved or orphaned"))},
         {QStringLiteral("attributes"),
          JsonSchema::ofType("object", QStringLiteral("Dictionary of attributes to set."))}});
}

// An integer query parameter: `fallback` when absent, 400 naming it when not an integer.
Result<int> integerParameter(const ApiRequest &request, const QString &name, int fallback)
{
    if (!request.http.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = request.http.queryValue(name).toInt(&ok);
    if (!ok)
        return Error::invalidField(
            name, QStringLiteral("Invalid %1: '%2'").arg(name, request.http.queryValue(name)));
    return value;
}

Result<NetworkFilter> filterOf(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    NetworkFilter filter;
    filter.siteId = site.value();
    // NSoT: naming only one of the two means the other is off.
    const std::optional<bool> networks = request.queryBool(QStringLiteral("include_networks"));
    const std::optional<bool> ips = request.queryBool(QStringLiteral("include_ips"));
    if (networks || ips) {
        filter.includeNetworks = networks.value_or(false);
        filter.includeIps = ips.value_or(false);
    }
    filter.rootOnly = request.queryFlag(QStringLiteral("root_only"));
    const QString cidr = request.http.queryValue(QStringLiteral("cidr"));
    if (!cidr.isEmpty()) {
        const Result<IpNetwork> exact = IpNetwork::parse(cidr, QStringLiteral("cidr"));
        if (!exact)
            return exact.error();
        filter.exact = exact.value();
    }
    const QString address = request.http.queryValue(QStringLiteral("network_address"));
    if (!address.isEmpty()) {
        const Result<IpNetwork> host = IpNetwork::parse(address, QStringLiteral("network_address"));
        if (!host || !host->isHost())
            return Error::invalidField(QStringLiteral("network_address"),
                                       QStringLiteral("Invalid address: '%1'").arg(address));
        filter.address = host.value();
    }
    for (const auto &[name, target] :
         {std::pair{QStringLiteral("prefix_length"), &filter.prefixLength},
          std::pair{QStringLiteral("ip_version"), &filter.ipVersion}}) {
        if (!request.http.query.hasQueryItem(name))
            continue;
        const Result<int> value = integerParameter(request, name, 0);
        if (!value)
            return value.error();
        *target = value.value();
    }
    filter.state = request.http.queryValue(QStringLiteral("state"));
    const Result<QList<QPair<QString, QString>>> attributes = Nsot::attributeFilters(request);
    if (!attributes)
        return attributes.error();
    filter.attributes = attributes.value();
    return filter;
}

struct NetworkTraits
{
    static NetworkService &service(CoreServices &core) { return core.networks(); }
    static constexpr auto filter = filterOf;
    static constexpr auto rows = Nsot::networkRows;
    // Created without a site, as by faces without sites: the default site.
    static constexpr qint64 FallbackSite = 1;
    static Result<void> remove(CoreServices &core, const ApiRequest &request,
                               const QList<qint64> &ids)
    {
        return core.networks().remove(*request.identity, ids,
                                      request.queryFlag(QStringLiteral("force_delete")));
    }
};
using Handlers = Nsot::Resource<NetworkTraits>;

Result<Network> target(CoreServices &core, const ApiRequest &request)
{
    return Handlers::target(core, request);
}

auto shaperFor(CoreServices &core, const ApiRequest &request)
{
    return Handlers::shaperFor(core, request);
}

HttpResponse reserved(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return Nsot::error(site.error());
    NetworkFilter filter;
    filter.siteId = site.value();
    filter.state = Network::Reserved;
    return Nsot::listPage(request, core.networks(), filter, shaperFor(core, request));
}

// A tree walk answering a list: the filter that selects it from `network`, or nothing when the
// answer is empty by definition (subnets of an address, supernets of a root).
using Walk = std::optional<NetworkFilter> (*)(const Network &, const ApiRequest &);

std::optional<NetworkFilter> inSite(const Network &network)
{
    NetworkFilter filter;
    filter.siteId = network.siteId;
    filter.byAddress = true;
    return filter;
}

std::optional<NetworkFilter> subnets(const Network &network, const ApiRequest &request)
{
    std::optional<NetworkFilter> filter = inSite(network);
    filter->includeNetworks = request.queryBool(QStringLiteral("include_networks")).value_or(true);
    filter->includeIps = request.queryBool(QStringLiteral("include_ips")).value_or(true);
    if (network.ip.isHost())
        return std::nullopt;
    if (request.queryFlag(QStringLiteral("direct")))
        filter->parentId = std::optional<qint64>(network.id);
    else
        filter->within = network.ip;
    return filter;
}

std::optional<NetworkFilter> supernets(const Network &network, const ApiRequest &request)
{
    if (!network.parentId)
        return std::nullopt;
    std::optional<NetworkFilter> filter = inSite(network);
    if (request.queryFlag(QStringLiteral("direct")))
        filter->ids = QList<qint64>{*network.parentId};
    else
        filter->containing = network.ip;
    return filter;
}

std::optional<NetworkFilter> ancestors(const Network &network, const ApiRequest &request)
{
    std::optional<NetworkFilter> filter = inSite(network);
    filter->containing = network.ip;
    filter->descending = request.queryFlag(QStringLiteral("ascending"));
    return filter;
}

std::optional<NetworkFilter> children(const Network &network, const ApiRequest &)
{
    std::optional<NetworkFilter> filter = inSite(network);
    filter->parentId = std::optional<qint64>(network.id);
    return filter;
}

std::optional<NetworkFilter> descendants(const Network &network, const ApiRequest &)
{
    std::optional<NetworkFilter> filter = inSite(network);
    filter->within = network.ip;
    return filter;
}

std::optional<NetworkFilter> addresses(const Network &network, const ApiRequest &)
{
    std::optional<NetworkFilter> filter = inSite(network);
    filter->within = network.ip;
    filter->includeNetworks = false;
    filter->byAddress = true;
    return filter;
}

std::optional<NetworkFilter> siblings(const Network &network, const ApiRequest &request)
{
    std::optional<NetworkFilter> filter = inSite(network);
    filter->parentId = network.parentId;
    if (!request.queryFlag(QStringLiteral("include_self")))
        filter->excludeId = network.id;
    return filter;
}

HttpResponse walk(CoreServices &core, const ApiRequest &request, Walk selection)
{
    const Result<Network> network = target(core, request);
    if (!network)
        return Nsot::error(network.error());
    std::optional<NetworkFilter> filter = selection(network.value(), request);
    if (!filter) {
        filter = NetworkFilter();
        filter->ids = QList<qint64>();
    }
    return Nsot::listPage(request, core.networks(), filter.value(), shaperFor(core, request));
}

HttpResponse parent(CoreServices &core, const ApiRequest &request)
{
    const Result<Network> network = target(core, request);
    if (!network)
        return Nsot::error(network.error());
    if (!network->parentId)
        return Nsot::error(Error::notFound(
            QStringLiteral("The network %1 has no parent.").arg(network->ip.cidr())));
    return Nsot::detail(core.networks().get(QString::number(*network->parentId)),
                        shaperFor(core, request));
}

HttpResponse root(CoreServices &core, const ApiRequest &request)
{
    const Result<Network> network = target(core, request);
    if (!network)
        return Nsot::error(network.error());
    std::optional<NetworkFilter> filter = inSite(network.value());
    filter->containing = network->ip;
    filter->limit = 1;
    const Result<QList<Network>> roots = core.networks().list(filter.value());
    if (roots && roots->isEmpty())
        return Nsot::error(Error::notFound(
            QStringLiteral("The network %1 is a root itself.").arg(network->ip.cidr())));
    return Nsot::detail(roots ? Result<Network>(roots->first()) : Result<Network>(roots.error()),
                        shaperFor(core, request));
}

HttpResponse closestParent(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    const Result<int> minimum = integerParameter(request, QStringLiteral("prefix_length"), 0);
    if (!site || !minimum)
        return Nsot::error(site ? minimum.error() : site.error());
    return Nsot::detail(core.networks().closestParent(site.value(),
                                                      request.pathParam(QStringLiteral("key")),
                                                      minimum.value()),
                        shaperFor(core, request));
}

// next_network and next_address: GET lists free CIDRs; POST also creates them (state
// reserved with ?reserve=true, else allocated), all or none. Both answer the CIDR strings.
HttpResponse nextNetworks(CoreServices &core, const ApiRequest &request, bool addresses)
{
    const Result<Network> parentNetwork = target(core, request);
    if (!parentNetwork)
        return Nsot::error(parentNetwork.error());
    const QString prefixName = QStringLiteral("prefix_length");
    if (!addresses && !request.http.query.hasQueryItem(prefixName))
        return Nsot::error(
            Error::invalidField(prefixName, QStringLiteral("This parameter is required.")));
    const Result<int> prefix =
        integerParameter(request, prefixName, parentNetwork->ip.maxPrefixLength());
    const Result<int> num = integerParameter(request, QStringLiteral("num"), 1);
    if (!prefix || !num)
        return Nsot::error(prefix ? num.error() : prefix.error());
    if (num.value() > MaxNextNetworks)
        return Nsot::error(Error::invalidField(
            QStringLiteral("num"),
            QStringLiteral("Ensure this value is less than or equal to %1.").arg(MaxNextNetworks)));
    const int prefixLength = addresses ? parentNetwork->ip.maxPrefixLength() : prefix.value();
    const bool strict = request.queryFlag(QStringLiteral("strict_allocation"));
    const int wanted = qMax(1, num.value());
    QJsonArray cidrs;
    if (request.http.method == "POST") {
        const QString state = request.queryFlag(QStringLiteral("reserve"))
                                  ? Network::Reserved
                                  : QStringLiteral("allocated");
        const Result<QList<Network>> created = core.networks().allocateNext(
            *request.identity, parentNetwork.value(), prefixLength, wanted, strict, state);
        if (!created)
            return Nsot::error(created.error());
        for (const Network &network : created.value())
            cidrs.append(network.ip.cidr());
        return HttpResponse::json(cidrs);
    }
    const Result<QList<IpNetwork>> found =
        core.networks().nextNetworks(parentNetwork.value(), prefixLength, wanted, strict);
    if (!found)
        return Nsot::error(found.error());
    for (const IpNetwork &ip : found.value())
        cidrs.append(ip.cidr());
    return HttpResponse::json(cidrs);
}

HttpResponse assignments(CoreServices &core, const ApiRequest &request)
{
    const Result<Network> network = target(core, request);
    if (!network)
        return Nsot::error(network.error());
    return Nsot::assignmentPage(request, core.interfaces().assignmentsOfAddress(network->id));
}

void addWalk(Router &router, CoreServices &core, RouteSpec spec, const QString &name,
             Walk selection, const QString &description)
{
    spec.path += name + QLatin1Char('/');
    spec.summary = QStringLiteral("Network ") + name;
    spec.description = description;
    spec.responseSchema = JsonSchema::arrayOf(networkSchema());
    router.add(spec, [&core, selection](const ApiRequest &request) {
        return walk(core, request, selection);
    });
}

} // namespace

void NetworksController::registerRoutes(Router &router, CoreServices &core)
{
    const Nsot::ResourceDocs docs{
        QStringLiteral("Network"),
        QStringLiteral("networks"),
        QStringLiteral("id or CIDR"),
        QStringLiteral("e.g. owner=jathan -metro=lax"),
        networkSchema(),
        Nsot::listParameters(
            {{QStringLiteral("cidr"), QStringLiteral("string"),
              QStringLiteral("Exactly this network."), false},
             {QStringLiteral("network_address"), QStringLiteral("string"), {}, false},
             {QStringLiteral("prefix_length"), QStringLiteral("integer"), {}, false},
             {QStringLiteral("ip_version"), QStringLiteral("integer"), {}, false},
             {QStringLiteral("state"), QStringLiteral("string"), {}, false},
             {QStringLiteral("include_networks"), QStringLiteral("boolean"), {}, false},
             {QStringLiteral("include_ips"), QStringLiteral("boolean"), {}, false},
             {QStringLiteral("root_only"), QStringLiteral("boolean"), {}, false},
             {QStringLiteral("attributes"), QStringLiteral("string"),
              QStringLiteral("name=value, repeatable, ANDed."), false}}),
        {{QStringLiteral("force_delete"), QStringLiteral("boolean"),
          QStringLiteral("Move the children of a deleted network up to its parent."), false}}};
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        const QString base = prefix + QStringLiteral("/networks/");
        Handlers::addListRoutes(router, core, prefix, docs);
        RouteSpec spec;
        spec.face = Face::Nsot;
        spec.method = "GET";
        spec.path = base + QStringLiteral("reserved/");
        spec.summary = QStringLiteral("Reserved Networks");
        spec.description = QStringLiteral("Networks in state reserved.");
        spec.queryParameters = Nsot::listParameters({});
        router.add(spec, Nsot::bound(core, reserved));

        // One network by id or CIDR; the walks are registered first so that
        // /networks/10.0.0.0/8/children/ is a walk and not the network "10.0.0.0/8/children".
        RouteSpec one;
        one.face = Face::Nsot;
        one.method = "GET";
        one.path = base + QStringLiteral("{key*}/");
        one.queryParameters = Nsot::listParameters({});
        addWalk(router, core, one, QStringLiteral("subnets"), subnets,
                QStringLiteral("Networks inside this one (?include_networks, ?include_ips, "
                               "?direct for children only)."));
        addWalk(router, core, one, QStringLiteral("supernets"), supernets,
                QStringLiteral("Networks around this one (?direct for the parent only)."));
        addWalk(router, core, one, QStringLiteral("ancestors"), ancestors,
                QStringLiteral("Networks around this one, root first (?ascending reverses)."));
        addWalk(router, core, one, QStringLiteral("children"), children,
                QStringLiteral("Networks and addresses whose parent this is."));
        addWalk(router, core, one, QStringLiteral("descendants"), descendants,
                QStringLiteral("Every network and address inside this one."));
        addWalk(router, core, one, QStringLiteral("addresses"), addresses,
                QStringLiteral("The host addresses inside this one, in address order (those "
                               "leased to machines carry the attribute machine=<uuid>)."));
        addWalk(router, core, one, QStringLiteral("descendents"), descendants,
                QStringLiteral("Old spelling of descendants."));
        addWalk(router, core, one, QStringLiteral("siblings"), siblings,
                QStringLiteral("Networks with the same parent (?include_self)."));

        RouteSpec assigned = one;
        assigned.path += QStringLiteral("assignments/");
        assigned.summary = QStringLiteral("Network assignments");
        assigned.description = QStringLiteral(
            "The interfaces this address is assigned to, as device/interface/address rows.");
        assigned.queryParameters = Nsot::listParameters({}).mid(0, 2);
        router.add(assigned, Nsot::bound(core, assignments));

        RouteSpec single = one;
        single.queryParameters = Nsot::listParameters({}).mid(2);
        single.responseSchema = networkSchema();
        single.path = one.path + QStringLiteral("parent/");
        single.summary = QStringLiteral("Network parent");
        single.description = QStringLiteral("The parent network; 404 for a root.");
        router.add(single, Nsot::bound(core, parent));
        single.path = one.path + QStringLiteral("root/");
        single.summary = QStringLiteral("Network root");
        single.description = QStringLiteral("The root of this network's tree; 404 for a root.");
        router.add(single, Nsot::bound(core, root));
        single.path = one.path + QStringLiteral("closest_parent/");
        single.summary = QStringLiteral("Closest parent");
        single.description = QStringLiteral(
            "The longest existing network containing {key} (a CIDR that need not exist), no "
            "shorter than ?prefix_length.");
        single.queryParameters << QueryParameter{
            QStringLiteral("prefix_length"), QStringLiteral("integer"), {}, false};
        router.add(single, Nsot::bound(core, closestParent));

        for (const bool addresses : {false, true}) {
            RouteSpec next = one;
            next.path = one.path + (addresses ? QStringLiteral("next_address/")
                                              : QStringLiteral("next_network/"));
            next.summary = addresses ? QStringLiteral("Next free addresses")
                                     : QStringLiteral("Next free networks");
            next.queryParameters = {{QStringLiteral("num"), QStringLiteral("integer"),
                                     QStringLiteral("How many (default 1)."), false},
                                    {QStringLiteral("strict_allocation"), QStringLiteral("boolean"),
                                     QStringLiteral("Only direct children occupy space."), false}};
            if (!addresses)
                next.queryParameters.prepend(
                    {QStringLiteral("prefix_length"), QStringLiteral("integer"), {}, true});
            next.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("string"));
            next.description = QStringLiteral("The first free CIDRs inside this network.");
            const auto handler = [&core, addresses](const ApiRequest &request) {
                return nextNetworks(core, request, addresses);
            };
            router.add(next, handler);
            next.method = "POST";
            next.description = QStringLiteral(
                "The first free CIDRs inside this network, created (state reserved with "
                "?reserve=true, else allocated).");
            next.queryParameters << QueryParameter{
                QStringLiteral("reserve"), QStringLiteral("boolean"), {}, false};
            router.add(next, handler);
        }

        Handlers::addInstanceRoutes(router, core, one.path, docs);
    }
}

} // namespace Cairn
