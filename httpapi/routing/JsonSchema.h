#pragma once

#include <QJsonObject>
#include <QStringList>

namespace Cairn::JsonSchema {

// Small builders for the OpenAPI schemas in route metadata.
QJsonObject ofType(const char *type, const QString &description = {});
QJsonObject object(const QJsonObject &properties, const QStringList &required = {});
QJsonObject arrayOf(const QJsonObject &items);

} // namespace Cairn::JsonSchema
