#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Cairn::Test {

// Runs a reference script (tests/support/*_reference.py) under Debian's python3 with `cases`
// (each with an "id") as JSON on its standard input, and returns its answers by id. A failed
// run is a test failure naming the package the script needs.
QHash<QString, QJsonObject> pythonReference(const QString &script, const QJsonArray &cases,
                                            const QString &package);

} // namespace Cairn::Test
