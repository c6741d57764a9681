#pragma once

#include <QJsonObject>
#include <QStringList>

namespace Cairn {

// A named group of hypervisors and machines.
struct Cluster
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QStringList hypervisors;
    QStringList machines;

    // {uuid, name, hypervisors: [uuid], machines: [uuid]}.
    QJsonObject toJson() const;
};

} // namespace Cairn
