#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QJsonValue>

namespace YAML {
class Node;
}

namespace Cairn {

// A YAML document as JSON: plain scalars that read as booleans, numbers or null become those;
// quoted scalars stay strings, as in PyYAML, which ZTPServer files were written for.
QJsonValue yamlToJson(const YAML::Node &node);
// A YAML mapping (an empty document is an empty one); `what` names it in the error.
Result<QJsonObject> yamlObject(const QByteArray &text, const QString &what);
Result<QJsonObject> yamlObjectFile(const QString &path, const QString &what);

} // namespace Cairn
