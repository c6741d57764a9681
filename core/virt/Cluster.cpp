#include "Cluster.h"

#include <QJsonArray>

namespace Cairn {

QJsonObject Cluster::toJson() const
{
    return {{QStringLiteral("uuid"), uuid},
            {QStringLiteral("name"), name},
            {QStringLiteral("hypervisors"), QJsonArray::fromStringList(hypervisors)},
            {QStringLiteral("machines"), QJsonArray::fromStringList(machines)}};
}

} // namespace Cairn
