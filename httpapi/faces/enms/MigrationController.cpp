#include "MigrationController.h"

#include "CoreServices.h"
#include "faces/MigrationRequest.h"
#include "io/MigrationExport.h"
#include "io/MigrationImport.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

HttpResponse exportProject(CoreServices &core, const ApiRequest &request)
{
    const Result<MigrationExport::Options> options = MigrationRequest::exportOptions(request);
    if (!options)
        return FaceErrors::response(Face::Enms, options.error());
    // Every object of every type read and written: off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity,
                                given = options.value()] {
        const Result<MigrationExport::Written> written =
            MigrationExport(*services).write(caller, given);
        if (!written)
            return FaceErrors::response(Face::Enms, written.error());
        QJsonObject json = written->toJson();
        json.insert(QStringLiteral("status"), QStringLiteral("Export successful."));
        json.insert(QStringLiteral("folder"), QString(QStringLiteral("migrations/") + given.name));
        return HttpResponse::json(json);
    });
}

HttpResponse importProject(CoreServices &core, const ApiRequest &request)
{
    const Result<MigrationImport::Options> options = MigrationRequest::importOptions(request);
    if (!options)
        return FaceErrors::response(Face::Enms, options.error());
    return HttpResponse::later([services = &core, caller = *request.identity,
                                given = options.value()] {
        const Result<MigrationImport::Report> report =
            MigrationImport(*services).run(caller, given);
        if (!report)
            return FaceErrors::response(Face::Enms, report.error());
        if (!report->problems.isEmpty())
            return HttpResponse::json(QJsonObject{{QStringLiteral("alert"), report->alert()},
                                                  {QStringLiteral("failures"), report->failures()}},
                                      400);
        return HttpResponse::json(
            QJsonObject{{QStringLiteral("status"), QStringLiteral("Import successful.")},
                        {QStringLiteral("counts"), report->counts}});
    });
}

} // namespace

void MigrationController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec exported = RouteSpec::of(
        Face::Enms, "POST", QStringLiteral("/rest/migrate/export"),
        QStringLiteral("Export a migration project"),
        QStringLiteral(
            "`{name, import_export_types, export_private_properties, passphrase}`: writes "
            "`migrations/<name>/` in the data directory, one YAML list per type (site, "
            "attribute, device, network, interface, link, pool, command, credential, service, "
            "task; all when none are named) and `metadata.yaml`, relations by name, in a stable "
            "order. Secrets go only with `export_private_properties` and a `passphrase` of at "
            "least 12 characters, sealed under it; without, credential sets stay behind. Answers "
            "`{status, folder, counts, left_out}`. Superusers only."));
    exported.requestSchema = MigrationRequest::exportSchema();
    exported.responseSchema = JsonSchema::ofType("object");
    router.add(exported,
               [&core](const ApiRequest &request) { return exportProject(core, request); });

    RouteSpec imported = RouteSpec::of(
        Face::Enms, "POST", QStringLiteral("/rest/migrate/import"),
        QStringLiteral("Import a migration project"),
        QStringLiteral(
            "`{name, import_export_types, empty_database_before_import, passphrase}`: reads "
            "`migrations/<name>/` back, all or nothing, in one transaction: each object created "
            "or updated by name, relations in a second pass; `empty_database_before_import` "
            "deletes the objects of the types imported first. A file that does not parse or a "
            "wrong passphrase is a 400 before anything changes; refused objects are a 400 "
            "`{alert, failures: [{file, line, name, error}]}` and nothing is imported. Answers "
            "`{status, counts}`. Superusers only."));
    imported.requestSchema = MigrationRequest::importSchema();
    imported.responseSchema = JsonSchema::ofType("object");
    router.add(imported,
               [&core](const ApiRequest &request) { return importProject(core, request); });
}

} // namespace Cairn
