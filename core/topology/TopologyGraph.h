#pragma once

#include "TopologyEdge.h"
#include "TopologyNode.h"

#include <QList>

namespace Cairn {

// What the topology shows for one filter: nodes, and the edges whose both ends are among them.
struct TopologyGraph
{
    QList<TopologyNode> nodes;
    QList<TopologyEdge> edges;
    // Devices the filter matched; more than the device nodes when the picture was cut at
    // TopologyService::MaxDevices.
    qint64 devicesMatched = 0;
};

} // namespace Cairn
