#pragma once

#include <QJsonObject>
#include <QStringList>

namespace Cairn::JsonSchema {

// Small builders for the OpenAPI schemas in route metadata.
QJsonObject ofType(const char *type, const QString &description = {});
QJsonObject object(const QJsonObject &properties, const QStringList &required = {});
QJsonObject arrayOf(const QJsonObject &items);
// A string of at most `maxLength` characters.
QJsonObject text(int maxLength, const QString &description = {});
// `schema` marked as shown but never written (ids, derived names).
QJsonObject readOnly(QJsonObject schema);
// An object schema (or an array of them) with `names` added to its required properties, when
// it has them.
QJsonObject requiring(QJsonObject schema, const QStringList &names);

} // namespace Cairn::JsonSchema
