#include "MigrationController.h"

#include "CoreServices.h"
#include "io/MigrationExport.h"
#include "io/MigrationImport.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

// What both directions take: {name, import_export_types, passphrase}, and the flags in `flags`.
struct Body
{
    QString name;
    QStringList types;
    QString passphrase;
    QHash<QString, bool> flags;
};

Result<Body> readBody(const ApiRequest &request, const QStringList &flags)
{
    const Result<QJsonObject> object = request.bodyObject();
    if (!object)
        return object.error();
    Body body;
    const QJsonValue name = object->value(QLatin1String("name"));
    if (!name.isString())
        return Error::invalidField(QStringLiteral("name"),
                                   QStringLiteral("The name of the project's folder."));
    body.name = name.toString();
    const QJsonValue types = object->value(QLatin1String("import_export_types"));
    if (!types.isUndefined() && !types.isNull()) {
        if (!types.isArray())
            return Error::invalidField(QStringLiteral("import_export_types"),
                                       QStringLiteral("A list of type names."));
        for (const QJsonValue type : types.toArray()) {
            if (!type.isString())
                return Error::invalidField(QStringLiteral("import_export_types"),
                                           QStringLiteral("A list of type names."));
            body.types << type.toString();
        }
    }
    const QJsonValue passphrase = object->value(QLatin1String("passphrase"));
    if (!passphrase.isUndefined() && !passphrase.isString())
        return Error::invalidField(QStringLiteral("passphrase"), QStringLiteral("Text."));
    body.passphrase = passphrase.toString();
    for (const QString &flag : flags) {
        const QJsonValue value = object->value(flag);
        if (!value.isUndefined() && !value.isBool())
            return Error::invalidField(flag, QStringLiteral("true or false."));
        body.flags.insert(flag, value.toBool());
    }
    return body;
}

const QString PrivateProperties = QStringLiteral("export_private_properties");
const QString EmptyFirst = QStringLiteral("empty_database_before_import");

HttpResponse exportProject(CoreServices &core, const ApiRequest &request)
{
    const Result<Body> body = readBody(request, {PrivateProperties});
    if (!body)
        return FaceErrors::response(Face::Enms, body.error());
    // Every object of every type read and written: off the listener.
    return HttpResponse::later(
        [services = &core, caller = *request.identity, given = body.value()] {
            const Result<MigrationExport::Written> written = MigrationExport(*services).write(
                caller,
                {given.name, given.types, given.flags.value(PrivateProperties), given.passphrase});
            if (!written)
                return FaceErrors::response(Face::Enms, written.error());
            return HttpResponse::json(QJsonObject{
                {QStringLiteral("status"), QStringLiteral("Export successful.")},
                {QStringLiteral("folder"), QString(QStringLiteral("migrations/") + given.name)},
                {QStringLiteral("counts"), written->counts},
                {QStringLiteral("left_out"), QJsonArray::fromStringList(written->leftOut)}});
        });
}

HttpResponse importProject(CoreServices &core, const ApiRequest &request)
{
    const Result<Body> body = readBody(request, {EmptyFirst});
    if (!body)
        return FaceErrors::response(Face::Enms, body.error());
    return HttpResponse::later(
        [services = &core, caller = *request.identity, given = body.value()] {
            const Result<MigrationImport::Report> report = MigrationImport(*services).run(
                caller, {given.name, given.types, given.flags.value(EmptyFirst), given.passphrase});
            if (!report)
                return FaceErrors::response(Face::Enms, report.error());
            if (!report->problems.isEmpty()) {
                QJsonArray failures;
                for (const MigrationProblem &problem : report->problems)
                    failures.append(problem.toJson());
                return HttpResponse::json(
                    QJsonObject{{QStringLiteral("alert"),
                                 QStringLiteral("Nothing was imported: %1 object(s) were refused.")
                                     .arg(report->problems.size())},
                                {QStringLiteral("failures"), failures}},
                    400);
            }
            return HttpResponse::json(
                QJsonObject{{QStringLiteral("status"), QStringLiteral("Import successful.")},
                            {QStringLiteral("counts"), report->counts}});
        });
}

} // namespace

void MigrationController::registerRoutes(Router &router, CoreServices &core)
{
    const QJsonObject common{{QStringLiteral("name"), JsonSchema::ofType("string")},
                             {QStringLiteral("import_export_types"), JsonSchema::ofType("array")},
                             {QStringLiteral("passphrase"), JsonSchema::ofType("string")}};
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
    QJsonObject exportFields = common;
    exportFields.insert(PrivateProperties, JsonSchema::ofType("boolean"));
    exported.requestSchema = JsonSchema::object(exportFields, {QStringLiteral("name")});
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
    QJsonObject importFields = common;
    importFields.insert(EmptyFirst, JsonSchema::ofType("boolean"));
    imported.requestSchema = JsonSchema::object(importFields, {QStringLiteral("name")});
    imported.responseSchema = JsonSchema::ofType("object");
    router.add(imported,
               [&core](const ApiRequest &request) { return importProject(core, request); });
}

} // namespace Cairn
