#include "AutomationResourcesController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "automation/AutomationParts.h"
#include "routing/FaceErrors.h"
#include "routing/Router.h"

#include <QJsonDocument>

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
// How long a followed run's stream stays quiet before a keep-alive line.
constexpr int KeepAliveMs = 10 * 1000;
// How long a follower waits for a run that waits in the queue to be claimed (nodes look every
// half second, and at once for what was queued on them).
constexpr int ClaimWaitMs = 2 * 1000;

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

// Whether a running run's events are (or are about to be) kept here: one asked for a moment ago
// may still wait in the queue for a node, and its events start where it is claimed.
bool runsHere(CoreServices &core, const ServiceRun &run)
{
    RunEvents &events = core.serviceRunner().events();
    const QDeadlineTimer deadline(ClaimWaitMs);
    while (!events.has(run.id) && run.jobId && !deadline.hasExpired()) {
        const Result<Job> job = core.jobs().job(*run.jobId);
        if (!job || isFinished(job->state) || (job->nodeId && job->nodeId != core.jobs().node()))
            return false;
        // Woken when it starts here; otherwise its row is looked at again.
        (void)events.waitFor(run.id, QDeadlineTimer(qMin<qint64>(250, deadline.remainingTime())));
    }
    return events.has(run.id);
}

// A run's events as Server-Sent Events: each waits for the next ones (or a keep-alive comment
// every few seconds, so proxies and the connection guard see the stream alive) until the end.
HttpResponse runEvents(CoreServices &core, qint64 runId, const ServiceRun &run)
{
    RunEvents &events = core.serviceRunner().events();
    if (run.status == RunStatus::Running && !runsHere(core, run))
        return FaceErrors::response(
            Face::Native, Error::conflict(QStringLiteral("The run %1 is not running on this "
                                                         "server: poll its result instead.")
                                              .arg(run.runtime)));
    if (!events.has(runId)) {
        // Ended a while ago (or before this server started): its end is all there is to follow.
        const QJsonObject end{{QStringLiteral("type"), QStringLiteral("end")},
                              {QStringLiteral("status"), runStatusName(run.status)},
                              {QStringLiteral("success"), run.success.value_or(false)}};
        return HttpResponse::bytes(
            "event: end\ndata: " + QJsonDocument(end).toJson(QJsonDocument::Compact) + "\n\n",
            "text/event-stream");
    }
    std::shared_ptr<RunEvents::Follower> follower = events.follow();
    if (!follower)
        return FaceErrors::response(
            Face::Native,
            Error::unavailable(QStringLiteral("followers"),
                               QStringLiteral("%1 runs are followed already; poll "
                                              "/rest/result/<service>/<runtime> instead.")
                                   .arg(RunEvents::MaxFollowers)));
    struct Place
    {
        qsizetype cursor = 0;
        bool done = false;
    };
    auto place = std::make_shared<Place>();
    RunRepository &runs = core.serviceRunner().runs();
    return HttpResponse::streamed(
        "text/event-stream",
        [&events, &runs, follower, place, runId]() -> Result<std::optional<QByteArray>> {
            if (place->done)
                return std::optional<QByteArray>();
            RunEvents::Batch batch = events.next(runId, place->cursor, QDeadlineTimer(KeepAliveMs));
            place->cursor = batch.cursor;
            place->done = batch.ended;
            // A quiet run that ended without its end reaching the events (its job cancelled
            // before it started, a crash) ends the stream as its record says.
            if (batch.events.isEmpty() && !batch.ended) {
                const Result<std::optional<ServiceRun>> stored = runs.find(runId);
                if (stored && stored->has_value() && stored->value().status != RunStatus::Running) {
                    batch.events << QJsonObject{
                        {QStringLiteral("type"), QStringLiteral("end")},
                        {QStringLiteral("status"), runStatusName(stored->value().status)},
                        {QStringLiteral("success"), stored->value().success.value_or(false)}};
                    place->done = true;
                }
            }
            QByteArray out;
            for (const QJsonObject &event : batch.events)
                out += "event: " + event.value(QLatin1String("type")).toString().toUtf8() +
                       "\ndata: " + QJsonDocument(event).toJson(QJsonDocument::Compact) + "\n\n";
            return std::optional<QByteArray>(out.isEmpty() ? QByteArray(": alive\n\n") : out);
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
    RouteSpec follow = nativeRoute(
        "GET", QStringLiteral("/api/runs/{service}/{runtime}/events/"),
        QStringLiteral("Follow a run"),
        QStringLiteral("Server-Sent Events (text/event-stream) as the run goes: `result` "
                       "{service, device, workflow, success, duration} for each step on each "
                       "device, `progress` {total, done, passed, failed[, steps]}, and `end` "
                       "{status, success}, after which the stream closes. A late follower gets "
                       "the events from the start; a comment line keeps a quiet stream alive. "
                       "For the run's creator (or a superuser)."));
    router.add(follow, [&core](const ApiRequest &request) {
        return HttpResponse::later([services = &core, caller = *request.identity,
                                    service = request.pathParam(QStringLiteral("service")),
                                    runtime = request.pathParam(QStringLiteral("runtime"))] {
            AutomationParts parts(*services);
            const Result<ServiceRun> run = parts.runs.run(caller, service, runtime);
            if (!run)
                return FaceErrors::response(Face::Native, run.error());
            // Events name every device as the run reaches it, before any result would say
            // whether the caller may see it: the run's own creator (or a superuser) follows.
            if (run->creatorId != caller.user.id && !caller.user.isSuperuser)
                return FaceErrors::response(
                    Face::Native,
                    Error::forbidden(QStringLiteral("Only whoever started a run follows it.")));
            return runEvents(*services, run->id, run.value());
        });
    });
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
