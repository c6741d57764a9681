#include "IsAliveController.h"

#include "ApiSettings.h"
#include "CoreServices.h"
#include "cluster/ClusterNodeRepository.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

// How long a node that went down stays in the answer.
constexpr qint64 RecentlyDownMs = 24LL * 3600 * 1000;

} // namespace

void IsAliveController::registerRoutes(Router &router, CoreServices &core,
                                       const ApiSettings &settings)
{
    RouteSpec spec;
    spec.method = "GET";
    spec.path = QStringLiteral("/rest/is_alive");
    spec.face = Face::Enms;
    spec.summary = QStringLiteral("Health check");
    spec.description = QStringLiteral("Answers while the server is up; no credentials needed.");
    spec.isPublic = true;
    spec.responseSchema =
        JsonSchema::object({{QStringLiteral("name"), JsonSchema::ofType("string")},
                            {QStringLiteral("cluster_id"), JsonSchema::ofType("integer")}});
    // The answer never changes while the process lives; build it once.
    HttpResponse alive =
        HttpResponse::json(QJsonObject{{QStringLiteral("name"), settings.nodeName},
                                       {QStringLiteral("cluster_id"), settings.clusterId}});
    router.add(spec, [alive](const ApiRequest &) { return alive; });

    RouteSpec cluster;
    cluster.method = "POST";
    cluster.path = QStringLiteral("/rest/get_cluster_status");
    cluster.face = Face::Enms;
    cluster.summary = QStringLiteral("The cluster's nodes");
    cluster.description = QStringLiteral(
        "Every server node sharing this database: `[{name, cluster_id, status, version, "
        "address, host, started_at, heartbeat_at, stopped_at}]`, the nodes up (status `Up`) "
        "first, then of the others the last under each name that went down in the past day "
        "(status `Down`, state `stopped` or `dead`).");
    cluster.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    router.add(cluster, [&core, settings](const ApiRequest &) {
        ClusterNodeRepository registry(core.database());
        const Result<QList<ClusterNode>> nodes = registry.recent(RecentlyDownMs);
        if (!nodes)
            return FaceErrors::response(Face::Enms, nodes.error());
        QJsonArray answer;
        bool answeringListed = false;
        for (const ClusterNode &node : nodes.value()) {
            answeringListed = answeringListed || (node.state == ClusterNode::State::Up &&
                                                  node.name == settings.nodeName);
            answer.append(node.toJson());
        }
        // A process that is no node (the desktop's server) still answers, so it is up.
        if (!answeringListed) {
            ClusterNode self;
            self.name = settings.nodeName;
            self.clusterId = settings.clusterId;
            self.version = QStringLiteral(CAIRN_VERSION);
            QJsonObject shown = self.toJson();
            for (const char *unknown : {"state", "address", "host", "started_at", "heartbeat_at"})
                shown.remove(QLatin1String(unknown));
            answer.prepend(shown);
        }
        return HttpResponse::json(answer);
    });
}

} // namespace Cairn
