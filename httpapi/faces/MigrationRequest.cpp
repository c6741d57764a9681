#include "MigrationRequest.h"

#include "routing/ApiRequest.h"
#include "routing/JsonSchema.h"

#include <QJsonArray>

namespace Cairn {

namespace {

// What both directions take, and the one flag each adds.
struct Body
{
    QString name;
    QStringList types;
    QString passphrase;
    bool flag = false;
};

Result<Body> readBody(const ApiRequest &request, const QString &flag)
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
    const QJsonValue value = object->value(flag);
    if (!value.isUndefined() && !value.isBool())
        return Error::invalidField(flag, QStringLiteral("true or false."));
    body.flag = value.toBool();
    return body;
}

QJsonObject schemaWith(const QString &flag)
{
    return JsonSchema::object({{QStringLiteral("name"), JsonSchema::ofType("string")},
                               {QStringLiteral("import_export_types"), JsonSchema::ofType("array")},
                               {QStringLiteral("passphrase"), JsonSchema::ofType("string")},
                               {flag, JsonSchema::ofType("boolean")}},
                              {QStringLiteral("name")});
}

} // namespace

Result<MigrationExport::Options> MigrationRequest::exportOptions(const ApiRequest &request)
{
    const Result<Body> body = readBody(request, PrivateProperties);
    if (!body)
        return body.error();
    return MigrationExport::Options{body->name, body->types, body->flag, body->passphrase};
}

Result<MigrationImport::Options> MigrationRequest::importOptions(const ApiRequest &request)
{
    const Result<Body> body = readBody(request, EmptyFirst);
    if (!body)
        return body.error();
    return MigrationImport::Options{body->name, body->types, body->flag, body->passphrase};
}

QJsonObject MigrationRequest::exportSchema()
{
    return schemaWith(PrivateProperties);
}

QJsonObject MigrationRequest::importSchema()
{
    return schemaWith(EmptyFirst);
}

} // namespace Cairn
