#include "ClustersController.h"

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

Result<QList<Cluster>> visibleClusters(CoreServices &core, const ApiRequest &request)
{
    return core.clusters().list(*request.identity);
}

HttpResponse clusterUuids(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<Cluster>> clusters = visibleClusters(core, request);
    if (!clusters)
        return failure(clusters.error());
    QJsonArray uuids;
    for (const Cluster &cluster : clusters.value())
        uuids.append(cluster.uuid);
    return answer({{QStringLiteral("cluster"), uuids}},
                  counted(uuids.size(), QStringLiteral("cluster"), QStringLiteral("clusters")) +
                      QLatin1Char('.'));
}

HttpResponse createCluster(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> name = variable(request, QStringLiteral("cluster_name"));
    if (!name)
        return failure(name.error());
    const Result<Cluster> cluster = core.clusters().create(*request.identity, name.value());
    if (!cluster)
        return failure(cluster.error());
    return answer({{QStringLiteral("cluster"), cluster->toJson()}},
                  QStringLiteral("Cluster %1 created.").arg(cluster->name));
}

HttpResponse clusterObjects(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<Cluster>> clusters = visibleClusters(core, request);
    if (!clusters)
        return failure(clusters.error());
    QJsonArray objects;
    for (const Cluster &cluster : clusters.value())
        objects.append(cluster.toJson());
    return answer({{QStringLiteral("clusters"), objects}},
                  counted(objects.size(), QStringLiteral("cluster"), QStringLiteral("clusters")) +
                      QLatin1Char('.'));
}

HttpResponse showCluster(CoreServices &core, const ApiRequest &request)
{
    const Result<Cluster> cluster =
        core.clusters().get(*request.identity, request.pathParam(QStringLiteral("uuid")));
    if (!cluster)
        return failure(cluster.error());
    return answer({{QStringLiteral("cluster"), cluster->toJson()}},
                  QStringLiteral("Cluster %1.").arg(cluster->name));
}

// POST action=rename with cluster_name, add_hypervisor with hypervisor, or action=delete.
HttpResponse actOnCluster(CoreServices &core, const ApiRequest &request)
{
    const QString uuid = request.pathParam(QStringLiteral("uuid"));
    const Result<QString> action = variable(request, QStringLiteral("action"));
    const Result<QString> name = variable(request, QStringLiteral("cluster_name"));
    if (!action || !name)
        return failure(action ? name.error() : action.error());
    if (action.value() == u"rename") {
        const Result<Cluster> renamed =
            core.clusters().rename(*request.identity, uuid, name.value());
        if (!renamed)
            return failure(renamed.error());
        return answer({}, QStringLiteral("Cluster renamed %1.").arg(renamed->name));
    }
    if (action.value() == u"delete") {
        const Result<void> deleted = core.clusters().remove(*request.identity, uuid);
        if (!deleted)
            return failure(deleted.error());
        return answer({}, QStringLiteral("Cluster deleted."));
    }
    if (action.value() == u"add_hypervisor") {
        const Result<QString> hypervisor = variable(request, QStringLiteral("hypervisor"));
        if (!hypervisor)
            return failure(hypervisor.error());
        const Result<Cluster> added =
            core.clusters().addHypervisor(*request.identity, uuid, hypervisor.value());
        if (!added)
            return failure(added.error());
        return answer({{QStringLiteral("cluster"), added->toJson()}},
                      QStringLiteral("Hypervisor added to cluster %1: machines provisioned on it "
                                     "get addresses from the cluster's static networks.")
                          .arg(added->name));
    }
    return failure(Error::invalidField(QStringLiteral("action"),
                                       QStringLiteral("Give action=rename (with cluster_name), "
                                                      "add_hypervisor (with hypervisor) or "
                                                      "action=delete.")));
}

HttpResponse deleteCluster(CoreServices &core, const ApiRequest &request)
{
    const Result<void> deleted =
        core.clusters().remove(*request.identity, request.pathParam(QStringLiteral("uuid")));
    if (!deleted)
        return failure(deleted.error());
    return answer({}, QStringLiteral("Cluster deleted."));
}

// GET: the machine's clusters; POST with `clusters` (a cluster uuid): adds the machine first.
HttpResponse machineClusters(CoreServices &core, const ApiRequest &request)
{
    const QString machine = request.pathParam(QStringLiteral("uuid"));
    const Result<QString> cluster = variable(request, QStringLiteral("clusters"));
    if (!cluster)
        return failure(cluster.error());
    QString message = QStringLiteral("The machine's clusters.");
    if (request.http.method == "POST" && !cluster->isEmpty()) {
        const Result<Cluster> added =
            core.clusters().addMachine(*request.identity, cluster.value(), machine);
        if (!added)
            return failure(added.error());
        message = QStringLiteral("Machine added to cluster %1.").arg(added->name);
    }
    const Result<QStringList> clusters = core.clusters().clustersOf(*request.identity, machine);
    if (!clusters)
        return failure(clusters.error());
    return answer({{QStringLiteral("clusters"), QJsonArray::fromStringList(clusters.value())}},
                  message);
}

} // namespace

void ClustersController::registerRoutes(Router &router, CoreServices &core)
{
    using Enomalism::addRoute;
    const auto handler = [&core](HttpResponse (*handle)(CoreServices &, const ApiRequest &)) {
        return [&core, handle](const ApiRequest &request) {
            return handle(core, request);
        };
    };
    addRoute(router, "GET", QStringLiteral("/rest/cluster/"), QStringLiteral("List clusters"),
             QStringLiteral("`{cluster: [uuid, ...]}`: the clusters you may view."),
             handler(clusterUuids));
    addRoute(router, "PUT", QStringLiteral("/rest/cluster/"), QStringLiteral("Create a cluster"),
             QStringLiteral("`cluster_name` -> `{cluster: {uuid, name, hypervisors, machines}}`; "
                            "a name in use is 409."),
             handler(createCluster), {{"cluster_name"}});
    // Before /rest/cluster/{uuid}: `list` is not a uuid.
    for (const char *method : {"GET", "POST"}) {
        addRoute(router, method, QStringLiteral("/rest/cluster/list/"),
                 QStringLiteral("List clusters with their members"),
                 QStringLiteral("`{clusters: [{uuid, name, hypervisors, machines}, ...]}`."),
                 handler(clusterObjects));
        addRoute(router, method, QStringLiteral("/rest/machine/{uuid}/clusters/"),
                 QStringLiteral("A machine's clusters"),
                 QStringLiteral("`{clusters: [uuid, ...]}`; POST with `clusters` (a cluster's "
                                "uuid) adds the machine to that cluster first."),
                 handler(machineClusters), {{"clusters"}});
    }
    addRoute(router, "GET", QStringLiteral("/rest/cluster/{uuid}"), QStringLiteral("Get a cluster"),
             QStringLiteral("`{cluster: {uuid, name, hypervisors, machines}}`."),
             handler(showCluster));
    addRoute(
        router, "POST", QStringLiteral("/rest/cluster/{uuid}"),
        QStringLiteral("Rename or delete a cluster"),
        QStringLiteral(
            "`action=rename` with `cluster_name`, `action=add_hypervisor` with `hypervisor` (its "
            "machines then get addresses from the cluster's static networks), or `action=delete`."),
        handler(actOnCluster), {{"action"}, {"cluster_name"}, {"hypervisor"}});
    addRoute(router, "DELETE", QStringLiteral("/rest/cluster/{uuid}"),
             QStringLiteral("Delete a cluster"),
             QStringLiteral("Its machines and hypervisors stay; only the group goes."),
             handler(deleteCluster));
}

} // namespace Cairn
