#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Cairn {

// Writes objects as one YAML list, made to be read by people and compared with `git diff`: one
// block per object, `leading` keys first and the others sorted, multi-line text as literal
// blocks, and every string that would read back as something else (true, 12, null...) quoted.
class YamlListWriter
{
public:
    // The file at `path`, written whole or not at all.
    static Result<void> write(const QString &path, const QList<QJsonObject> &objects,
                              const QStringList &leading);
    // One mapping, for small files such as a project's metadata.
    static Result<void> writeObject(const QString &path, const QJsonObject &object);
};

} // namespace Cairn
