#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

// What changed between two snapshots of an object in the change log, one field per line as a
// unified diff shows it: "- name: old" then "+ name: new"; nested values as compact JSON.
class SnapshotDiff
{
public:
    static QString between(const QJsonObject &before, const QJsonObject &after);
};

} // namespace Cairn
