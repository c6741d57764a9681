#include "ApiRootController.h"

#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

void ApiRootController::registerRoutes(Router &router)
{
    RouteSpec spec;
    spec.face = Face::Nsot;
    spec.method = "GET";
    spec.path = QStringLiteral("/api/");
    spec.summary = QStringLiteral("API Root");
    spec.description = QStringLiteral("Every resource of the API and its URL.");
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, [](const ApiRequest &request) {
        QJsonObject resources;
        for (const char *name :
             {"attributes", "changes", "devices", "jobs", "sites", "users", "values"})
            resources.insert(QString::fromLatin1(name),
                             QString(request.baseUrl() + QStringLiteral("/api/") +
                                     QString::fromLatin1(name) + QLatin1Char('/')));
        return HttpResponse::json(resources);
    });
}

} // namespace Cairn
