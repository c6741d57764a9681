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

// A node as the caller may see it: its name, status and heartbeat to anyone signed in, where it
// runs and its version to superusers only.
QJsonObject shown(QJsonObject node, bool everything)
{
    if (!everything) {
        for (const char *detail : {"address", "host", "version", "started_at", "stopped_at"})
            node.remove(QLatin1String(detail));
    }
    return node;
}

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
        "Every server node sharing this database: `[{id, name, cluster_id, status, state, "
        "heartbeat_at}]` (superusers also see `version, address, host, started_at, "
        "stopped_at`), the nodes up (status `Up`) first, then of the others the last under "
        "each name that went down in the past day (status `Down`, state `stopped` or `dead`).");
    cluster.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    router.add(cluster, [&core, settings](const ApiRequest &request) {
        // Where nodes run and which version they are is for administrators.
        const bool everything = request.identity && request.identity->user.isSuperuser;
        ClusterNodeRepository registry(core.database());
        const Result<QList<ClusterNode>> nodes = registry.recent(RecentlyDownMs);
        if (!nodes)
            return FaceErrors::response(Face::Enms, nodes.error());
        QJsonArray answer;
        bool answeringListed = false;
        for (const ClusterNode &node : nodes.value()) {
            answeringListed = answeringListed || (node.state == ClusterNode::State::Up &&
                                                  node.name == settings.nodeName);
            answer.append(shown(node.toJson(), everything));
        }
        // A process that is no node (the desktop's server) still answers, so it is up.
        if (!answeringListed) {
            ClusterNode self;
            self.name = settings.nodeName;
            self.clusterId = settings.clusterId;
            self.version = QStringLiteral(CAIRN_VERSION);
            QJsonObject answering = shown(self.toJson(), everything);
            for (const char *unknown :
                 {"id", "state", "address", "host", "started_at", "heartbeat_at", "stopped_at"})
                answering.remove(QLatin1String(unknown));
            answer.prepend(answering);
        }
        return HttpResponse::json(answer);
    });
}

} // namespace Cairn
