#pragma once

#include "Result.h"

#include <QJsonObject>

namespace Cairn {

// A YAML mapping as JSON (an empty document is an empty one): plain scalars that read as
// booleans, numbers or null become those; quoted scalars stay strings, as in PyYAML, which
// ZTPServer files were written for. `what` names it in the error; a document that expands past
// a million values (aliases of aliases) or nests deeper than 64 is one.
Result<QJsonObject> yamlObject(const QByteArray &text, const QString &what);
Result<QJsonObject> yamlObjectFile(const QString &path, const QString &what);

} // namespace Cairn
