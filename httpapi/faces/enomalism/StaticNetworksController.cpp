#include "StaticNetworksController.h"

#include "CoreServices.h"
#include "Counted.h"
#include "EnomalismSupport.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

using Enomalism::answer;
using Enomalism::failure;
using Enomalism::variable;

QString networkUuid(const ApiRequest &request)
{
    return request.pathParam(QStringLiteral("uuid"));
}

// The fields of seed 7.1 the caller gave.
Result<StaticNetworkFields> fieldsOf(const ApiRequest &request)
{
    StaticNetworkFields fields;
    const QList<std::pair<const char *, std::optional<QString> StaticNetworkFields::*>> names = {
        {"name", &StaticNetworkFields::name},
        {"description", &StaticNetworkFields::description},
        {"bridge", &StaticNetworkFields::bridge},
        {"cluster", &StaticNetworkFields::cluster},
        {"ip", &StaticNetworkFields::ip},
        {"netmask", &StaticNetworkFields::netmask},
        {"gateway", &StaticNetworkFields::gateway},
        {"site", &StaticNetworkFields::site},
    };
    for (const auto &[name, member] : names) {
        const Result<std::optional<QString>> given =
            Enomalism::optionalVariable(request, QString::fromLatin1(name));
        if (!given)
            return given.error();
        fields.*member = given.value();
    }
    return fields;
}

HttpResponse networkList(const Result<QList<StaticNetwork>> &networks, const QString &message,
                         QJsonObject body = {})
{
    if (!networks)
        return failure(networks.error());
    QJsonArray objects;
    for (const StaticNetwork &network : networks.value())
        objects.append(network.toJson());
    body.insert(QStringLiteral("networks"), objects);
    return answer(body, message.isEmpty()
                            ? counted(objects.size(), QStringLiteral("static network"),
                                      QStringLiteral("static networks")) +
                                  QLatin1Char('.')
                            : message);
}

HttpResponse listNetworks(CoreServices &core, const ApiRequest &request)
{
    return networkList(core.staticNetworks().list(*request.identity), QString());
}

HttpResponse createNetwork(CoreServices &core, const ApiRequest &request)
{
    const Result<StaticNetworkFields> fields = fieldsOf(request);
    if (!fields)
        return failure(fields.error());
    const Result<StaticNetwork> created =
        core.staticNetworks().create(*request.identity, fields.value());
    if (!created)
        return failure(created.error());
    return networkList(QList<StaticNetwork>{created.value()},
                       QStringLiteral("Static network %1 (%2/%3) created.")
                           .arg(created->name, created->ip, created->netmask),
                       {{QStringLiteral("uuid"), created->uuid}});
}

HttpResponse networkAnswer(const Result<StaticNetwork> &network, const QString &verb)
{
    if (!network)
        return failure(network.error());
    return answer({{QStringLiteral("network"), network->toJson()}},
                  QStringLiteral("Static network %1%2.").arg(network->name, verb));
}

HttpResponse updateNetwork(CoreServices &core, const ApiRequest &request)
{
    const Result<StaticNetworkFields> fields = fieldsOf(request);
    if (!fields)
        return failure(fields.error());
    return networkAnswer(
        core.staticNetworks().update(*request.identity, networkUuid(request), fields.value()),
        QStringLiteral(" updated"));
}

HttpResponse rangesAnswer(CoreServices &core, const ApiRequest &request, const QString &message)
{
    const Result<StaticNetwork> network =
        core.staticNetworks().get(*request.identity, networkUuid(request));
    if (!network)
        return failure(network.error());
    QJsonObject object = network->toJson();
    const QJsonValue ranges = object.take(QStringLiteral("ranges"));
    return answer({{QStringLiteral("network"), object}, {QStringLiteral("ranges"), ranges}},
                  message.isEmpty() ? counted(network->ranges.size(), QStringLiteral("IP range"),
                                              QStringLiteral("IP ranges")) +
                                          QLatin1Char('.')
                                    : message);
}

HttpResponse addRange(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> start = variable(request, QStringLiteral("start_ip"));
    const Result<QString> end = variable(request, QStringLiteral("end_ip"));
    if (!start || !end)
        return failure(start ? end.error() : start.error());
    const Result<IpRange> added = core.staticNetworks().addRange(
        *request.identity, networkUuid(request), start.value(), end.value());
    if (!added)
        return failure(added.error());
    return rangesAnswer(core, request,
                        QStringLiteral("IP range %1 - %2 added (%3).")
                            .arg(added->startIp, added->endIp, added->uuid));
}

HttpResponse rangeAnswer(const Result<IpRange> &range, const QString &verb)
{
    if (!range)
        return failure(range.error());
    return answer({{QStringLiteral("iprange"), range->toJson()}},
                  QStringLiteral("IP range %1 - %2%3: %4 of %5 addresses leased.")
                      .arg(range->startIp, range->endIp, verb)
                      .arg(range->used)
                      .arg(range->size()));
}

HttpResponse updateRange(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> start = variable(request, QStringLiteral("start_ip"));
    const Result<QString> end = variable(request, QStringLiteral("end_ip"));
    if (!start || !end)
        return failure(start ? end.error() : start.error());
    return rangeAnswer(core.staticNetworks().updateRange(*request.identity, networkUuid(request),
                                                         request.pathParam(QStringLiteral("range")),
                                                         start.value(), end.value()),
                       QStringLiteral(" updated"));
}

HttpResponse networkCluster(CoreServices &core, const ApiRequest &request,
                            const Result<StaticNetwork> &network)
{
    if (!network)
        return failure(network.error());
    if (network->clusterUuid.isEmpty())
        return answer(
            {{QStringLiteral("cluster"), QJsonValue()}},
            QStringLiteral("Static network %1 serves every hypervisor.").arg(network->name));
    const Result<Cluster> cluster = core.clusters().get(*request.identity, network->clusterUuid);
    if (!cluster)
        return failure(cluster.error());
    return answer(
        {{QStringLiteral("cluster"), cluster->toJson()}},
        QStringLiteral("Static network %1 serves cluster %2.").arg(network->name, cluster->name));
}

HttpResponse assignCluster(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> cluster = variable(request, QStringLiteral("cluster"));
    if (!cluster)
        return failure(cluster.error());
    StaticNetworkFields fields;
    fields.cluster = cluster.value();
    return networkCluster(
        core, request,
        core.staticNetworks().update(*request.identity, networkUuid(request), fields));
}

} // namespace

void StaticNetworksController::registerRoutes(Router &router, CoreServices &core)
{
    using Enomalism::addRoute;
    const QString networks = QStringLiteral("/rest/networks/");
    addRoute(router, "GET", networks, QStringLiteral("List static networks"),
             QStringLiteral("`{networks: [{uuid, name, description, bridge, cluster, ip, netmask, "
                            "gateway, ranges, ipam_network, site_id}]}`: those you may view. "
                            "`ipam_network` is the network's id in IPAM (/api/networks/{id}/)."),
             [&core](const ApiRequest &request) { return listNetworks(core, request); });
    addRoute(
        router, "PUT", networks, QStringLiteral("Create a static network"),
        QStringLiteral("From `name`, `ip` and `netmask` (255.255.255.0 or 24), and optionally "
                       "`description`, `bridge`, `cluster` (uuid; none: it serves every "
                       "hypervisor), `gateway` and `site` (the IPAM site, name or id: by default "
                       "the site that has this network already, else Default). The network is "
                       "the IPAM network of that CIDR, made when missing; each address leased "
                       "from it is an assigned address there with the attribute machine=<uuid>. "
                       "Answers `{uuid, networks: [network]}`."),
        [&core](const ApiRequest &request) { return createNetwork(core, request); },
        {{"name"},
         {"ip"},
         {"netmask"},
         {"description"},
         {"bridge"},
         {"cluster"},
         {"gateway"},
         {"site"}});
    const QString range = QStringLiteral("/rest/networks/{uuid}/iprange/{range}/");
    addRoute(router, "GET", range, QStringLiteral("Get an IP range"),
             QStringLiteral("`{iprange: {uuid, network, start_ip, end_ip, size, used}}`."),
             [&core](const ApiRequest &request) {
                 return rangeAnswer(
                     core.staticNetworks().range(*request.identity, networkUuid(request),
                                                 request.pathParam(QStringLiteral("range"))),
                     QString());
             });
    addRoute(router, "PUT", range, QStringLiteral("Resize an IP range"),
             QStringLiteral("New `start_ip` and/or `end_ip`: checked as a new range is, and 409 "
                            "when leased addresses would fall outside."),
             [&core](const ApiRequest &request) { return updateRange(core, request); },
             {{"start_ip"}, {"end_ip"}});
    const QString ranges = QStringLiteral("/rest/networks/{uuid}/iprange/");
    addRoute(
        router, "GET", ranges, QStringLiteral("A static network's IP ranges"),
        QStringLiteral("`{network, ranges: [{uuid, network, start_ip, end_ip, size, used}]}`."),
        [&core](const ApiRequest &request) { return rangesAnswer(core, request, QString()); });
    addRoute(router, "POST", ranges, QStringLiteral("Add an IP range"),
             QStringLiteral("`start_ip` and `end_ip`: host addresses of the network, not its "
                            "gateway, overlapping no range of any network (400 naming start_ip). "
                            "Answers as GET."),
             [&core](const ApiRequest &request) { return addRange(core, request); },
             {{"start_ip"}, {"end_ip"}});
    const QString cluster = QStringLiteral("/rest/networks/{uuid}/cluster/");
    addRoute(router, "GET", cluster, QStringLiteral("A static network's cluster"),
             QStringLiteral("`{cluster}`: the cluster object, or null when the network serves "
                            "every hypervisor."),
             [&core](const ApiRequest &request) {
                 return networkCluster(
                     core, request,
                     core.staticNetworks().get(*request.identity, networkUuid(request)));
             });
    addRoute(router, "PUT", cluster, QStringLiteral("Assign a static network to a cluster"),
             QStringLiteral("`cluster`: a cluster uuid, or empty for every hypervisor."),
             [&core](const ApiRequest &request) { return assignCluster(core, request); },
             {{"cluster"}});
    const QString network = QStringLiteral("/rest/networks/{uuid}");
    addRoute(router, "GET", network, QStringLiteral("Get a static network"),
             QStringLiteral("`{network}`."), [&core](const ApiRequest &request) {
                 return networkAnswer(
                     core.staticNetworks().get(*request.identity, networkUuid(request)), QString());
             });
    addRoute(router, "POST", network, QStringLiteral("Update a static network"),
             QStringLiteral("Any of `name`, `description`, `bridge` and `cluster`; ip, netmask, "
                            "gateway and site are fixed at creation (400)."),
             [&core](const ApiRequest &request) { return updateNetwork(core, request); },
             {{"name"}, {"description"}, {"bridge"}, {"cluster"}});
    addRoute(router, "DELETE", network, QStringLiteral("Delete a static network"),
             QStringLiteral("With its ranges; 409 while machines hold addresses from it. Its "
                            "IPAM network stays."),
             [&core](const ApiRequest &request) {
                 return networkAnswer(
                     core.staticNetworks().remove(*request.identity, networkUuid(request)),
                     QStringLiteral(" deleted"));
             });
}

} // namespace Cairn
