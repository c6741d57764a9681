#include "IsAliveController.h"

#include "ApiSettings.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

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
}

} // namespace Cairn
