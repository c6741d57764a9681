#include "RunsController.h"

#include "CoreServices.h"
#include "automation/AutomationParts.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Cairn {

namespace {

// eNMS's alert, with what names the problem beside it: run_service's `errors` (one per target
// that names nothing), or the fields at fault.
HttpResponse refusal(const Error &error)
{
    HttpResponse response = FaceErrors::response(Face::Enms, error);
    if (error.fields.isEmpty())
        return response;
    QJsonObject body = QJsonDocument::fromJson(response.body).object();
    if (error.fields.contains(QLatin1String("errors")))
        body.insert(QStringLiteral("errors"), error.fields.value(QLatin1String("errors")));
    else
        body.insert(QStringLiteral("fields"), error.fields);
    return HttpResponse::json(body, response.status);
}

// A synchronous run is answered when it ends, or after this long as if it were async.
constexpr int LongestWaitMs = 3600 * 1000;

HttpResponse runService(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return refusal(body.error());
    const QJsonValue async = body->value(QLatin1String("async"));
    if (!async.isUndefined() && !async.isBool())
        return refusal(
            Error::invalidField(QStringLiteral("async"), QStringLiteral("true or false.")));
    // Targets are worked out from pools and the inventory, and a synchronous run is waited
    // for: off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity, wanted = body.value(),
                                wait = !async.toBool()] {
        AutomationParts parts(*services);
        const Result<ServiceRun> started =
            parts.runs.runService(caller, wanted, QStringLiteral("REST"));
        if (!started)
            return refusal(started.error());
        if (!wait) {
            return HttpResponse::json(QJsonObject{{QStringLiteral("errors"), QJsonArray()},
                                                  {QStringLiteral("runtime"), started->runtime}});
        }
        const Result<ServiceRun> ended =
            services->serviceRunner().waitFor(started.value(), LongestWaitMs);
        if (!ended)
            return refusal(ended.error());
        if (ended->status == RunStatus::Running) {
            return HttpResponse::json(QJsonObject{{QStringLiteral("errors"), QJsonArray()},
                                                  {QStringLiteral("runtime"), ended->runtime}});
        }
        return HttpResponse::json(ended->report);
    });
}

HttpResponse result(CoreServices &core, const ApiRequest &request)
{
    // A report holds every device's output: read and checked off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity,
                                service = request.pathParam(QStringLiteral("service")),
                                runtime = request.pathParam(QStringLiteral("runtime"))] {
        AutomationParts parts(*services);
        const Result<ServiceRun> run = parts.runs.run(caller, service, runtime);
        if (!run)
            return refusal(run.error());
        if (run->status == RunStatus::Running) {
            return HttpResponse::json(
                QJsonObject{{QStringLiteral("status"), runStatusName(run->status)},
                            {QStringLiteral("result"), QStringLiteral("No results yet.")}});
        }
        return HttpResponse::json(
            QJsonObject{{QStringLiteral("status"), runStatusName(run->status)},
                        {QStringLiteral("result"), run->report}});
    });
}

HttpResponse runTask(CoreServices &core, const ApiRequest &request)
{
    bool isNumber = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&isNumber);
    if (!isNumber)
        return refusal(Error::notFound(
            QStringLiteral("task %1 not found.").arg(request.pathParam(QStringLiteral("id")))));
    return HttpResponse::later([services = &core, caller = *request.identity, id] {
        AutomationParts parts(*services);
        const Result<ServiceRun> started = parts.tasks.runTask(caller, id);
        if (!started)
            return refusal(started.error());
        return HttpResponse::json(QJsonObject{{QStringLiteral("errors"), QJsonArray()},
                                              {QStringLiteral("runtime"), started->runtime}});
    });
}

} // namespace

void RunsController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec run = RouteSpec::of(
        Face::Enms, "POST", QStringLiteral("/rest/run_service"), QStringLiteral("Run a service"),
        QStringLiteral(
            "`{name, devices, pools, ip_addresses, payload, async (false), "
            "ignore_invalid_targets}`: runs the service on the devices named, the pools' members "
            "and the devices with those addresses (its own targets when `devices` is absent); "
            "other keys reach the service as `payload[\"rest_data\"]`. Synchronous: the run's "
            "report `{runtime, success, summary {success, failure}, duration, trigger, devices, "
            "errors}`; async: `{errors, runtime}` at once. Targets that name nothing: 400 with "
            "`errors`. Needs `run` on the service and on the sites of its devices."));
    run.requestSchema = JsonSchema::object(
        {{QStringLiteral("name"), JsonSchema::ofType("string")},
         {QStringLiteral("devices"), JsonSchema::arrayOf(JsonSchema::ofType("string"))},
         {QStringLiteral("pools"), JsonSchema::arrayOf(JsonSchema::ofType("string"))},
         {QStringLiteral("ip_addresses"), JsonSchema::arrayOf(JsonSchema::ofType("string"))},
         {QStringLiteral("payload"), JsonSchema::ofType("object")},
         {QStringLiteral("async"), JsonSchema::ofType("boolean")},
         {QStringLiteral("ignore_invalid_targets"), JsonSchema::ofType("boolean")}},
        {QStringLiteral("name")});
    run.responseSchema = JsonSchema::ofType("object");
    router.add(run, [&core](const ApiRequest &request) { return runService(core, request); });

    RouteSpec polled = RouteSpec::of(
        Face::Enms, "GET", QStringLiteral("/rest/result/{service}/{runtime}"),
        QStringLiteral("A run's result"),
        QStringLiteral("`{status: \"Running\", result: \"No results yet.\"}` while the run "
                       "lasts, then `{status, result}` with the report a synchronous run "
                       "answers; an unknown run is a 404."));
    polled.responseSchema = JsonSchema::ofType("object");
    router.add(polled, [&core](const ApiRequest &request) { return result(core, request); });

    RouteSpec task = RouteSpec::of(
        Face::Enms, "POST", QStringLiteral("/rest/run_task/{id}"), QStringLiteral("Run a task now"),
        QStringLiteral("Runs the task's service on the task's targets (the service's when it "
                       "names none) now, as the caller: `{errors, runtime}` at once, then "
                       "GET /rest/result/<service>/<runtime>."));
    task.responseSchema = JsonSchema::ofType("object");
    router.add(task, [&core](const ApiRequest &request) { return runTask(core, request); });
}

} // namespace Cairn
