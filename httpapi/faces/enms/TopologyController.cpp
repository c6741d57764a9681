#include "TopologyController.h"

#include "CoreServices.h"
#include "io/TopologyExport.h"
#include "io/TopologyFiles.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QFileInfo>

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
}

} // namespace Cairn
