#include "AutomationResourcesController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "automation/AutomationParts.h"
#include "routing/FaceErrors.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

// An object as the eNMS face shows it, for nativeList().
struct Shown
{
    QJsonObject json;
    QJsonObject toJson() const { return json; }
};

Result<QList<Shown>> shownAll(const Result<QJsonArray> &objects)
{
    if (!objects)
        return objects.error();
    QList<Shown> shown;
    for (const QJsonValue object : objects.value())
        shown << Shown{object.toObject()};
    return shown;
}

// Runs pile up; a listing reads this many, the latest.
constexpr int LatestRuns = 10000;

using Lister = std::function<Result<QJsonArray>(AutomationParts &)>;
using Getter = std::function<Result<QJsonObject>(AutomationParts &, const QString &)>;

void addResource(Router &router, CoreServices &core, const QString &plural, const QString &what,
                 const Lister &list, const Getter &get)
{
    RouteSpec spec = nativeRoute(
        "GET", QStringLiteral("/api/%1/").arg(plural), QStringLiteral("List %1").arg(plural),
        QStringLiteral("Every one, as the eNMS face (/rest/instance/%1) shows it; `limit` and "
                       "`offset` page them, other query parameters filter by field.")
            .arg(what));
    spec.queryParameters = nativeListParameters();
    router.add(spec, [&core, list](const ApiRequest &request) {
        AutomationParts parts(core);
        return nativeList(request, shownAll(list(parts)));
    });
    RouteSpec one = nativeRoute("GET", QStringLiteral("/api/%1/{name}/").arg(plural),
                                QStringLiteral("Get a %1").arg(what),
                                QStringLiteral("By name (percent-encoded)."));
    router.add(one, [&core, get](const ApiRequest &request) {
        AutomationParts parts(core);
        const Result<QJsonObject> found = get(parts, request.pathParam(QStringLiteral("name")));
        if (!found)
            return FaceErrors::response(Face::Native, found.error());
        return HttpResponse::json(found.value());
    });
}

} // namespace

void AutomationResourcesController::registerRoutes(Router &router, CoreServices &core)
{
    addResource(
        router, core, QStringLiteral("links"), QStringLiteral("link"),
        [](AutomationParts &parts) { return parts.links.queryLinks({}); },
        [](AutomationParts &parts, const QString &name) { return parts.links.link(name); });
    addResource(
        router, core, QStringLiteral("pools"), QStringLiteral("pool"),
        [](AutomationParts &parts) { return parts.pools.queryPools({}); },
        [](AutomationParts &parts, const QString &name) { return parts.pools.pool(name); });
    addResource(
        router, core, QStringLiteral("services"), QStringLiteral("service"),
        [](AutomationParts &parts) {
            return parts.services.queryServices(QStringLiteral("service"), {});
        },
        [](AutomationParts &parts, const QString &name) {
            return parts.services.service(QStringLiteral("service"), name);
        });
    addResource(
        router, core, QStringLiteral("tasks"), QStringLiteral("task"),
        [](AutomationParts &parts) { return parts.tasks.queryTasks({}); },
        [](AutomationParts &parts, const QString &name) { return parts.tasks.task(name); });
    RouteSpec runs = nativeRoute(
        "GET", QStringLiteral("/api/runs/"), QStringLiteral("List service runs"),
        QStringLiteral("The caller's latest %1 runs (everyone's for a superuser), oldest first, "
                       "without their outputs (GET /rest/result/<service>/<runtime> for those): "
                       "runtime, service_name, status, success, trigger, creator, targets, "
                       "progress. `limit` and `offset` page them, other query parameters filter "
                       "by field.")
            .arg(LatestRuns));
    runs.queryParameters = nativeListParameters();
    router.add(runs, [&core](const ApiRequest &request) {
        return HttpResponse::later([services = &core, request] {
            const User &caller = request.identity->user;
            return nativeList(request, services->serviceRunner().runs().latest(
                                           LatestRuns, caller.isSuperuser
                                                           ? std::nullopt
                                                           : std::optional<qint64>(caller.id)));
        });
    });
}

} // namespace Cairn
