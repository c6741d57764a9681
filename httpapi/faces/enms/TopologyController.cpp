#include "TopologyController.h"

#include "CoreServices.h"
#include "io/TopologyExport.h"
#include "io/TopologyFiles.h"
#include "io/TopologyImport.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/MultipartForm.h"
#include "routing/Router.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryFile>

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
    const Result<QHash<QString, MultipartForm::Part>> form =
        MultipartForm::parse(request.http.header("content-type"), request.http.body);
    if (!form)
        return FaceErrors::response(Face::Enms, form.error());
    const auto file = form->constFind(QStringLiteral("file"));
    if (file == form->cend())
        return FaceErrors::response(
            Face::Enms, Error::invalidField(QStringLiteral("file"),
                                            QStringLiteral("The spreadsheet to import (.xlsx, "
                                                           ".xls or .csv) as a file field.")));
    const QString replaceText =
        QString::fromUtf8(form->value(QStringLiteral("replace")).data.toByteArray()).trimmed();
    const bool replace =
        replaceText.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || replaceText == u"1";
    if (!replaceText.isEmpty() && !replace &&
        replaceText.compare(QLatin1String("false"), Qt::CaseInsensitive) != 0 &&
        replaceText != u"0")
        return FaceErrors::response(
            Face::Enms,
            Error::invalidField(QStringLiteral("replace"), QStringLiteral("true or false.")));
    // The readers take a file: the upload goes to one only the server reads, gone afterwards.
    const TopologyFiles files(core.options().dataDir);
    if (!QDir().mkpath(files.folder()))
        return FaceErrors::response(Face::Enms, Error::internal(QStringLiteral(
                                                    "The spreadsheets folder could not be made.")));
    auto upload =
        std::make_shared<QTemporaryFile>(files.folder() + QStringLiteral("/upload-XXXXXX"));
    if (!upload->open() ||
        upload->write(file->data.data(), file->data.size()) != file->data.size() ||
        !upload->flush())
        return FaceErrors::response(
            Face::Enms, Error::internal(QStringLiteral("The upload could not be stored.")));
    // Every row saved: off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity, upload,
                                name = file->fileName, replace] {
        const Result<TopologyImport::Report> report =
            TopologyImport(*services).run(caller, upload->fileName(), name, replace);
        if (!report)
            return FaceErrors::response(Face::Enms, report.error());
        return HttpResponse::json(QJsonObject{
            {QStringLiteral("status"), report->failures.isEmpty()
                                           ? QStringLiteral("Topology successfully imported.")
                                           : QStringLiteral("Topology imported with errors.")},
            {QStringLiteral("devices"), report->devices},
            {QStringLiteral("links"), report->links},
            {QStringLiteral("failures"), report->failures},
            {QStringLiteral("ignored_sheets"), QJsonArray::fromStringList(report->ignoredSheets)}});
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
                       "`{status, file, devices, links}`. Needs `view` on devices."));
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
            "empty cell leaves a property as it is. Answers `{status, devices, links, failures: "
            "[{sheet, row, name, error}], ignored_sheets}`; a row that fails changes nothing."));
    imported.responseSchema = JsonSchema::ofType("object");
    router.add(imported,
               [&core](const ApiRequest &request) { return importTopology(core, request); });
}

} // namespace Cairn
