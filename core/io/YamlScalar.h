#pragma once

#include <QJsonValue>
#include <QString>

namespace Cairn::YamlScalar {

// What a YAML scalar reads as, the way PyYAML reads it: a plain (unquoted) scalar that reads as
// a boolean, a number or null becomes one; a quoted or block scalar stays a string.
QJsonValue read(const QString &text, bool quoted);
// Whether `text`, written plain, would read back as the same string.
bool readsBackPlain(const QString &text);

} // namespace Cairn::YamlScalar
