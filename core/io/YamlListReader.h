#pragma once

#include "Result.h"

#include <QJsonObject>
#include <functional>

namespace Cairn {

// Reads a YAML file that is one list of mappings, one mapping at a time, so that a file of any
// length costs the memory of its largest object. Scalars are typed as YamlScalar reads them.
// Anchors and aliases are refused (an alias can stand for a copy of anything before it, so a
// small file could expand without bound), as are duplicate keys and nesting deeper than 32.
// Errors name the file (`what`) and the line.
class YamlListReader
{
public:
    // Called with each mapping and the line it starts on; an error stops the reading and is
    // what `read` returns.
    using Each = std::function<Result<void>(const QJsonObject &object, int line)>;

    // An empty file is an empty list.
    static Result<void> read(const QString &path, const QString &what, const Each &each);
    // A file that is one mapping (an empty file is an empty one).
    static Result<QJsonObject> readObject(const QString &path, const QString &what);

    static constexpr qint64 MaxFileBytes = qint64(4) << 30;
    static constexpr qint64 MaxObjectBytes = 64 << 20;
    static constexpr int MaxDepth = 32;
};

} // namespace Cairn
