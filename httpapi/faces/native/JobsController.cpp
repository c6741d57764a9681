#include "JobsController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "jobs/JobAccess.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Respond.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

Result<qint64> pathId(const ApiRequest &request)
{
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&numeric);
    if (!numeric)
        return Error::notFound(QStringLiteral("Not found."));
    return id;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    JobAccess jobs(core.jobs());
    return nativePage(
        request, [&](int limit, int offset) { return jobs.list(*request.identity, limit, offset); },
        [&] { return jobs.count(*request.identity); });
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = pathId(request);
    const Result<Job> job =
        id ? JobAccess(core.jobs()).job(*request.identity, id.value()) : Result<Job>(id.error());
    if (!job)
        return FaceErrors::response(Face::Native, job.error());
    return HttpResponse::json(job->toJson());
}

HttpResponse cancel(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = pathId(request);
    const Result<Job> cancelled =
        id ? JobAccess(core.jobs()).cancel(*request.identity, id.value()) : Result<Job>(id.error());
    if (!cancelled)
        return FaceErrors::response(Face::Native, cancelled.error());
    return HttpResponse::json(cancelled->toJson(), 202);
}

QJsonObject jobSchema()
{
    QJsonObject state = JsonSchema::ofType("string");
    state.insert(QStringLiteral("enum"), QJsonArray::fromStringList(jobStateNames()));
    return JsonSchema::object({{QStringLiteral("id"), JsonSchema::ofType("integer")},
                               {QStringLiteral("kind"), JsonSchema::ofType("string")},
                               {QStringLiteral("state"), state},
                               {QStringLiteral("progress"), JsonSchema::ofType("integer")},
                               {QStringLiteral("params"), JsonSchema::ofType("object")},
                               {QStringLiteral("result"), JsonSchema::ofType("object")},
                               {QStringLiteral("error"), JsonSchema::ofType("string")}});
}

} // namespace

void JobsController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec;
    spec.method = "GET";
    spec.face = Face::Native;
    spec.path = QStringLiteral("/api/jobs/");
    spec.summary = QStringLiteral("List jobs");
    spec.description = QStringLiteral("Newest first: yours, or every job for a superuser.");
    spec.queryParameters = nativeListParameters();
    spec.responseSchema = JsonSchema::arrayOf(jobSchema());
    router.add(spec, [&core](const ApiRequest &request) { return list(core, request); });

    spec.path = QStringLiteral("/api/jobs/{id}/");
    spec.summary = QStringLiteral("Get a job");
    spec.description = QStringLiteral("State, progress (0-100), result or error.");
    spec.queryParameters = {};
    spec.responseSchema = jobSchema();
    router.add(spec, [&core](const ApiRequest &request) { return detail(core, request); });

    spec.method = "POST";
    spec.path = QStringLiteral("/api/jobs/{id}/cancel/");
    spec.summary = QStringLiteral("Cancel a job");
    spec.description = QStringLiteral("A queued job never runs; a running one stops at its next "
                                      "step; a finished one answers 409 with its state.");
    spec.successStatus = 202;
    router.add(spec, [&core](const ApiRequest &request) { return cancel(core, request); });
}

} // namespace Cairn
