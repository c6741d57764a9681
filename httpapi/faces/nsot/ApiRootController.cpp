#include "ApiRootController.h"

#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QRegularExpression>

namespace Cairn {

namespace {

// Every collection directly under /api/ that the router serves, by name: what NSoT's root
// lists, kept complete as resources are added.
QJsonObject resources(const Router &router, const QString &baseUrl)
{
    static const QRegularExpression collection(QStringLiteral("^/api/([a-z_-]+)/$"));
    QJsonObject found;
    for (const Route &route : router.routes()) {
        const RouteSpec &spec = route.spec();
        const QRegularExpressionMatch match = collection.match(spec.path);
        if (spec.method == "GET" && match.hasMatch())
            found.insert(match.captured(1), QString(baseUrl + spec.path));
    }
    return found;
}

} // namespace

void ApiRootController::registerRoutes(Router &router)
{
    RouteSpec spec;
    spec.face = Face::Nsot;
    spec.method = "GET";
    spec.path = QStringLiteral("/api/");
    spec.summary = QStringLiteral("API Root");
    spec.description = QStringLiteral("Every resource of the API and its URL.");
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, [&router](const ApiRequest &request) {
        return HttpResponse::json(resources(router, request.baseUrl()));
    });
}

} // namespace Cairn
