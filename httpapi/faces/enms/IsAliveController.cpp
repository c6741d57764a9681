#include "IsAliveController.h"

#include "ApiSettings.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

void IsAliveController::registerRoutes(Router &router, const ApiSettings &settings)
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
        "Every server node of the cluster: `[{name, cluster_id, status, version}]`. A single "
        "node (SQLite, or one server on PostgreSQL) answers with itself.");
    cluster.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    // Until nodes share a registry in the database, the node answering is the cluster.
    HttpResponse nodes = HttpResponse::json(
        QJsonArray{QJsonObject{{QStringLiteral("name"), settings.nodeName},
                               {QStringLiteral("cluster_id"), settings.clusterId},
                               {QStringLiteral("status"), QStringLiteral("Up")},
                               {QStringLiteral("version"), QStringLiteral(CAIRN_VERSION)}}});
    router.add(cluster, [nodes](const ApiRequest &) { return nodes; });
}

} // namespace Cairn
