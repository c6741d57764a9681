#pragma once

#include "Result.h"
#include "TopologyGraph.h"

#include <QHash>
#include <QPointF>
#include <QSizeF>

namespace Cairn {

// Places for a topology's nodes, computed by Graphviz (sfdp: force-directed and multilevel, so
// thousands of nodes take about a second; prism removes overlaps). Machines are not laid out:
// they sit in a row under their hypervisor (underParents()). Graphviz keeps global state, so
// layouts run one at a time, on whichever thread asks.
class TopologyLayout
{
public:
    // Scene coordinates (y down) for every device and hypervisor node, each taking `nodeSize`.
    static Result<QHash<QString, QPointF>> arrange(const TopologyGraph &graph, QSizeF nodeSize);
    // `arranged` (a layout of the shown nodes, in Graphviz's own frame) moved into the frame of
    // `saved` (the user's whole arrangement): by how far the shown nodes that have a saved place
    // sit from where the layout put them, or, when none has, to beside everything saved. A
    // site laid out on its own then never lands on another site.
    static QHash<QString, QPointF> placedAmong(const QHash<QString, QPointF> &arranged,
                                               const QHash<QString, QPointF> &saved);
    // `saved` with a place for each device or hypervisor node of `graph` it lacks, taken from
    // `arranged` placed among the saved ones, so new nodes appear beside their neighbours.
    static QHash<QString, QPointF> completed(const TopologyGraph &graph,
                                             const QHash<QString, QPointF> &saved,
                                             const QHash<QString, QPointF> &arranged);
    // Each machine's place: in rows of `perRow` centred under its parent, `nodeSize` apart.
    static QHash<QString, QPointF> underParents(const TopologyGraph &graph,
                                                const QHash<QString, QPointF> &places,
                                                QSizeF nodeSize, int perRow = 6);
    // Whether some device or hypervisor node has no place in `places`.
    static bool lacksPlaces(const TopologyGraph &graph, const QHash<QString, QPointF> &places);
};

} // namespace Cairn
