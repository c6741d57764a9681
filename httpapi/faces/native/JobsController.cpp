#include "JobsController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Respond.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

// Superusers see every job; others only their own, and other jobs do not exist for them.
std::optional<qint64> visibleOwner(const ApiRequest &request)
{
    const User &caller = request.identity->user;
    return caller.isSuperuser ? std::nullopt : std::optional<qint64>(caller.id);
}

Result<Job> visibleJob(CoreServices &core, const ApiRequest &request)
{
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&numeric);
    Result<Job> job =
        numeric ? core.jobs().job(id) : Result<Job>(Error::notFound(QStringLiteral("Not found.")));
    const std::optional<qint64> owner = visibleOwner(request);
    if (job && owner && job->ownerId != owner)
        return Error::notFound(QStringLiteral("No job with id %1.").arg(id));
    return job;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    JobRepository &jobs = core.jobs().repository();
    const std::optional<qint64> owner = visibleOwner(request);
    return nativePage(
        request,
        [&](int limit, int offset) {
            Result<QList<Job>> page = jobs.list(owner, limit, offset);
            if (page) {
                for (Job &job : page.value())
                    job = core.jobs().withLiveProgress(job);
            }
            return page;
        },
        [&] { return jobs.count(owner); });
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<Job> job = visibleJob(core, request);
    if (!job)
        return FaceErrors::response(Face::Native, job.error());
    return HttpResponse::json(job->toJson());
}

HttpResponse cancel(CoreServices &core, const ApiRequest &request)
{
    const Result<Job> job = visibleJob(core, request);
    if (!job)
        return FaceErrors::response(Face::Native, job.error());
    if (request.identity->readOnly)
        return FaceErrors::response(Face::Native, Error::forbidden(QStringLiteral(
                                                      "A read-only token cannot cancel jobs.")));
    const Result<Job> cancelled = core.jobs().cancel(job->id);
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
