#include "TransfersController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "faces/MigrationRequest.h"
#include "faces/TopologyImportForm.h"
#include "io/Transfers.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QFileInfo>

namespace Cairn {

namespace {

HttpResponse refused(const Error &error)
{
    return FaceErrors::response(Face::Native, error);
}

// A job started: 202 with it, where to follow it and (Location) where it lives.
HttpResponse started(const Result<Job> &job)
{
    if (!job)
        return refused(job.error());
    const QString url = QStringLiteral("/api/jobs/%1/").arg(job->id);
    QJsonObject json = job->toJson();
    json.insert(QStringLiteral("url"), url);
    return HttpResponse::json(json, 202).withHeader("Location", url.toUtf8());
}

// A job started off the listener: recording it is a write, which waits while an import holds
// the database's write lock.
HttpResponse startedLater(CoreServices &core, const ApiRequest &request,
                          std::function<Result<Job>(Transfers &, const Identity &)> start)
{
    return HttpResponse::later(
        [services = &core, caller = *request.identity, start = std::move(start)] {
            Transfers transfers(*services);
            return started(start(transfers, caller));
        });
}

HttpResponse exportTopology(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return refused(body.error());
    const QJsonValue name = body->value(QLatin1String("name"));
    if (!name.isString())
        return refused(Error::invalidField(QStringLiteral("name"),
                                           QStringLiteral("The name of the file to write.")));
    return startedLater(core, request,
                        [name = name.toString()](Transfers &transfers, const Identity &caller) {
                            return transfers.exportTopology(caller, name);
                        });
}

HttpResponse importTopology(CoreServices &core, const ApiRequest &request)
{
    if (!request.identity->user.isSuperuser || request.identity->readOnly)
        return refused(Error::forbidden(QStringLiteral("Only a superuser imports a topology.")));
    // The upload parsed and written to disk: off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity,
                                contentType = request.http.header("content-type"),
                                body = request.http.body] {
        const Result<TopologyImportForm> form =
            TopologyImportForm::read(services->options().dataDir, contentType, body);
        if (!form)
            return refused(form.error());
        return started(Transfers(*services).importTopology(caller, form->upload, form->fileName,
                                                           form->replace));
    });
}

HttpResponse download(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> path =
        Transfers(core).spreadsheet(*request.identity, request.pathParam(QStringLiteral("name")));
    if (!path)
        return refused(path.error());
    Result<HttpResponse> file = HttpResponse::streamedFile(
        path.value(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    if (!file)
        return refused(file.error());
    // The name is one TopologyFiles allowed: letters, digits, '.', '_' and '-' only.
    return std::move(file.value())
        .withHeader("Content-Disposition",
                    "attachment; filename=\"" + QFileInfo(path.value()).fileName().toUtf8() + '"');
}

HttpResponse listed(const Result<QJsonArray> &items)
{
    return items ? HttpResponse::json(items.value()) : refused(items.error());
}

QJsonObject jobAnswerSchema()
{
    return JsonSchema::object({{QStringLiteral("id"), JsonSchema::ofType("integer")},
                               {QStringLiteral("kind"), JsonSchema::ofType("string")},
                               {QStringLiteral("state"), JsonSchema::ofType("string")},
                               {QStringLiteral("url"), JsonSchema::ofType("string")}});
}

} // namespace

void TransfersController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec = nativeRoute(
        "POST", QStringLiteral("/api/topology/export/"), QStringLiteral("Export the topology"),
        QStringLiteral("`{name}`: a job writing `spreadsheets/<name>.xlsx` (sheets `device` and "
                       "`link`, as POST /rest/topology/export); answers 202 with the job at once. "
                       "Its result: `{file, download, devices, links}`. Superusers only."),
        202);
    spec.requestSchema = JsonSchema::object(
        {{QStringLiteral("name"), JsonSchema::ofType("string")}}, {QStringLiteral("name")});
    spec.responseSchema = jobAnswerSchema();
    router.add(spec, [&core](const ApiRequest &request) { return exportTopology(core, request); });

    spec = nativeRoute(
        "POST", QStringLiteral("/api/topology/import/"), QStringLiteral("Import a topology"),
        QStringLiteral("multipart/form-data with `file` (.xlsx, .xls or .csv) and `replace`, as "
                       "POST /rest/topology/import, run as a job: answers 202 with it at once; "
                       "its result is the per-row report. Cancelled, it changes nothing. "
                       "Superusers only."),
        202);
    spec.responseSchema = jobAnswerSchema();
    router.add(spec, [&core](const ApiRequest &request) { return importTopology(core, request); });

    spec = nativeRoute("GET", QStringLiteral("/api/topology/files/"),
                       QStringLiteral("List exported spreadsheets"),
                       QStringLiteral("`[{name, size, modified}]` by name. Superusers only."));
    spec.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    router.add(spec, [&core](const ApiRequest &request) {
        return listed(Transfers(core).spreadsheets(*request.identity));
    });

    spec = nativeRoute("GET", QStringLiteral("/api/topology/files/{name}/"),
                       QStringLiteral("Download an exported spreadsheet"),
                       QStringLiteral("The .xlsx file as an attachment. Superusers only."));
    spec.responseContentType =
        QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    router.add(spec, [&core](const ApiRequest &request) { return download(core, request); });

    spec = nativeRoute("GET", QStringLiteral("/api/migrations/"),
                       QStringLiteral("List migration projects"),
                       QStringLiteral("`[{name, export_time, cairn_version, types, secrets, "
                                      "readable}]` by name. Superusers only."));
    spec.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
    // Each project's metadata read from disk: off the listener.
    router.add(spec, [&core](const ApiRequest &request) {
        return HttpResponse::later([services = &core, caller = *request.identity] {
            return listed(Transfers(*services).migrationProjects(caller));
        });
    });

    spec = nativeRoute(
        "POST", QStringLiteral("/api/migrations/export/"),
        QStringLiteral("Export a migration project"),
        QStringLiteral("The body of POST /rest/migrate/export, run as a job: answers 202 with it "
                       "at once; its result: `{folder, counts, left_out}`. Cancelled, the "
                       "project stays as it was. Superusers only."),
        202);
    spec.requestSchema = MigrationRequest::exportSchema();
    spec.responseSchema = jobAnswerSchema();
    router.add(spec, [&core](const ApiRequest &request) {
        const Result<MigrationExport::Options> options = MigrationRequest::exportOptions(request);
        if (!options)
            return refused(options.error());
        return startedLater(
            core, request, [given = options.value()](Transfers &transfers, const Identity &caller) {
                return transfers.exportMigration(caller, given);
            });
    });

    spec = nativeRoute(
        "POST", QStringLiteral("/api/migrations/import/"),
        QStringLiteral("Import a migration project"),
        QStringLiteral("The body of POST /rest/migrate/import, run as a job: answers 202 with it "
                       "at once; its result: `{counts}`. Refused objects fail the job with "
                       "`result.error_fields.failures`; failed or cancelled, nothing is imported. "
                       "Superusers only."),
        202);
    spec.requestSchema = MigrationRequest::importSchema();
    spec.responseSchema = jobAnswerSchema();
    router.add(spec, [&core](const ApiRequest &request) {
        const Result<MigrationImport::Options> options = MigrationRequest::importOptions(request);
        if (!options)
            return refused(options.error());
        return startedLater(
            core, request, [given = options.value()](Transfers &transfers, const Identity &caller) {
                return transfers.importMigration(caller, given);
            });
    });
}

} // namespace Cairn
