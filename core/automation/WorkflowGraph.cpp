#include "WorkflowGraph.h"

#include <QSet>

namespace Cairn {

namespace {

Error edgeError(const QString &message)
{
    return Error::invalidField(QStringLiteral("edges"), message);
}

} // namespace

QList<qint64> WorkflowGraph::next(qint64 stepId, const QString &subtype) const
{
    QList<qint64> targets;
    for (const WorkflowEdge &edge : edges) {
        if (edge.sourceId == stepId && edge.subtype == subtype &&
            !targets.contains(edge.destinationId))
            targets << edge.destinationId;
    }
    return targets;
}

QList<qint64> WorkflowGraph::order() const
{
    // Kahn's algorithm over the steps reachable from Start (End, 0 as a destination, left out).
    QSet<qint64> reachable;
    QList<qint64> frontier;
    for (const WorkflowEdge &edge : edges) {
        if (edge.sourceId == Start && edge.destinationId != End)
            frontier << edge.destinationId;
    }
    while (!frontier.isEmpty()) {
        const qint64 step = frontier.takeFirst();
        if (reachable.contains(step))
            continue;
        reachable.insert(step);
        for (const WorkflowEdge &edge : edges) {
            if (edge.sourceId == step && edge.destinationId != End)
                frontier << edge.destinationId;
        }
    }
    QHash<qint64, int> incoming;
    for (const WorkflowEdge &edge : edges) {
        if (edge.sourceId != Start && reachable.contains(edge.sourceId) &&
            reachable.contains(edge.destinationId))
            ++incoming[edge.destinationId];
    }
    QList<qint64> ordered;
    QList<qint64> ready;
    for (const qint64 step : stepIds) {
        if (reachable.contains(step) && incoming.value(step) == 0)
            ready << step;
    }
    while (!ready.isEmpty()) {
        const qint64 step = ready.takeFirst();
        ordered << step;
        for (const WorkflowEdge &edge : edges) {
            if (edge.sourceId == step && edge.destinationId != End &&
                reachable.contains(edge.destinationId) && --incoming[edge.destinationId] == 0)
                ready << edge.destinationId;
        }
    }
    return ordered;
}

Result<void> WorkflowGraph::check(const std::function<QString(qint64)> &nameOf) const
{
    const auto source = [&](qint64 id) {
        return id == Start ? QStringLiteral("Start") : nameOf(id);
    };
    const auto destination = [&](qint64 id) {
        return id == End ? QStringLiteral("End") : nameOf(id);
    };
    for (const WorkflowEdge &edge : edges) {
        const QString shown =
            QStringLiteral("%1 -> %2").arg(source(edge.sourceId), destination(edge.destinationId));
        if (edge.subtype != u"success" && edge.subtype != u"failure")
            return edgeError(QStringLiteral("%1: subtype is success or failure.").arg(shown));
        if ((edge.sourceId != Start && !stepIds.contains(edge.sourceId)) ||
            (edge.destinationId != End && !stepIds.contains(edge.destinationId)))
            return edgeError(
                QStringLiteral("%1: both ends must be Start, End or steps of the workflow.")
                    .arg(shown));
        if (edge.sourceId == Start && edge.destinationId == End)
            return edgeError(QStringLiteral("Start -> End: a workflow runs at least one step."));
    }
    // A cycle: an edge back to a step still on the path (depth first from every step).
    QHash<qint64, int> state; // 1 on the path, 2 done
    std::function<std::optional<WorkflowEdge>(qint64)> visit =
        [&](qint64 step) -> std::optional<WorkflowEdge> {
        state.insert(step, 1);
        for (const WorkflowEdge &edge : edges) {
            if (edge.sourceId != step || edge.destinationId == End)
                continue;
            const int seen = state.value(edge.destinationId);
            if (seen == 1)
                return edge;
            if (seen == 0) {
                if (std::optional<WorkflowEdge> back = visit(edge.destinationId))
                    return back;
            }
        }
        state.insert(step, 2);
        return std::nullopt;
    };
    for (const qint64 step : stepIds) {
        if (state.value(step) != 0)
            continue;
        if (const std::optional<WorkflowEdge> back = visit(step))
            return edgeError(QStringLiteral("%1 -> %2 closes a cycle.")
                                 .arg(source(back->sourceId), destination(back->destinationId)));
    }
    bool ends = false;
    for (const qint64 step : order())
        ends = ends || next(step, QStringLiteral("success")).contains(End) ||
               next(step, QStringLiteral("failure")).contains(End);
    if (!ends)
        return edgeError(QStringLiteral("End cannot be reached from Start."));
    return {};
}

} // namespace Cairn
