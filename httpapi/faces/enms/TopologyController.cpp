#include "TopologyController.h"

#include "CoreServices.h"
#include "faces/TopologyImportForm.h"
#include "io/TopologyExport.h"
#include "io/TopologyFiles.h"
#include "io/TopologyImport.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace Cairn {

namespace {

HttpResponse exportTopology(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return FaceErrors::response(Face::Enms, body.error());
    // The seed names the file `name`; eNMS's own form, `export_filename`.
    const QString field = body->contains(QLatin1String("name")) ? QStringLiteral("name")
                                                                : QStringLiteral("export_filename");
    const QJsonValue name = body->value(field);
    if (!name.isString())
        return FaceErrors::response(
            Face::Enms, Error::invalidField(QStringLiteral("name"),
                                            QStringLiteral("The name of the file to write.")));
    const Result<QString> path =
        TopologyFiles(core.options().dataDir).exportPath(field, name.toString());
    if (!path)
        return FaceErrors::response(Face::Enms, path.error());
    // Every device and link read and written: off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity, file = path.value(),
                                shown = QFileInfo(path.value()).fileName()] {
        const Result<TopologyExport::Written> written =
            TopologyExport(*services).write(caller, file);
        if (!written)
            return FaceErrors::response(Face::Enms, written.error());
        return HttpResponse::json(QJsonObject{
            {QStringLiteral("status"), QStringLiteral("Topology successfully exported.")},
            {QStringLiteral("file"), QString(QStringLiteral("spreadsheets/") + shown)},
            {QStringLiteral("devices"), written->devices},
            {QStringLiteral("links"), written->links}});
    });
}

HttpResponse importTopology(CoreServices &core, const ApiRequest &request)
{
    // A read-only token changes nothing: refused before the file is read.
    if (request.identity->readOnly)
        return FaceErrors::response(
            Face::Enms, Error::forbidden(QStringLiteral("A read-only token imports nothing.")));
    // The form parsed and every row saved: off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity,
                                contentType = request.http.header("content-type"),
                                body = request.http.body] {
        const Result<TopologyImportForm> form =
            TopologyImportForm::read(services->options().dataDir, contentType, body);
        if (!form)
            return FaceErrors::response(Face::Enms, form.error());
        const Result<TopologyImport::Report> report =
            TopologyImport(*services).run(caller, form->upload, form->fileName, form->replace);
        QFile::remove(form->upload);
        if (!report)
            return FaceErrors::response(Face::Enms, report.error());
        QJsonObject json = report->toJson();
        json.insert(QStringLiteral("status"),
                    report->failures.isEmpty() ? QStringLiteral("Topology successfully imported.")
                                               : QStringLiteral("Topology imported with errors."));
        return HttpResponse::json(json);
    });
}

} // namespace

void TopologyController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec exported = RouteSpec::of(
        Face::Enms, "POST", QStringLiteral("/rest/topology/export"),
        QStringLiteral("Export the topology"),
        QStringLiteral("`{name}` (or `export_filename`): writes `spreadsheets/<name>.xlsx` in the "
                       "data directory, sheets `device` and `link`, one object a row; answers "
                       "`{status, file, devices, links}`. Superusers only."));
    exported.requestSchema =
        JsonSchema::object({{QStringLiteral("name"), JsonSchema::ofType("string")},
                            {QStringLiteral("export_filename"), JsonSchema::ofType("string")}},
                           {});
    exported.responseSchema = JsonSchema::ofType("object");
    router.add(exported,
               [&core](const ApiRequest &request) { return exportTopology(core, request); });

    RouteSpec imported = RouteSpec::of(
        Face::Enms, "POST", QStringLiteral("/rest/topology/import"),
        QStringLiteral("Import a topology"),
        QStringLiteral(
            "multipart/form-data with `file` (.xlsx, legacy .xls or .csv; a CSV file is the "
            "sheet its name says, else links when its header has source_name and "
            "destination_name) and `replace` (true: every device is deleted first). Sheets "
            "`device` then `link`, row 1 the property names, one object a row saved by name; an "
            "empty cell leaves a property as it is. Answers `{status, devices, links, failed, "
            "failures: [{sheet, row, name, error}] (the first 1,000), ignored_sheets}`; a row that "
            "fails changes nothing. At most 1,000,000 rows."));
    imported.responseSchema = JsonSchema::ofType("object");
    router.add(imported,
               [&core](const ApiRequest &request) { return importTopology(core, request); });
}

} // namespace Cairn
