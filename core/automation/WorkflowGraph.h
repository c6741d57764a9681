#pragma once

#include "Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <functional>

namespace Cairn {

// One edge of a workflow: taken by the devices a step passed (success) or failed (failure).
// Id 0 stands for the workflow's own ends: Start as a source, End as a destination.
struct WorkflowEdge
{
    QString subtype;
    qint64 sourceId = 0;
    qint64 destinationId = 0;

    bool operator==(const WorkflowEdge &other) const = default;
};

// A workflow's steps (services, nested workflows included) and the edges between them. Empty
// for every other service.
struct WorkflowGraph
{
    static constexpr qint64 Start = 0;
    static constexpr qint64 End = 0;

    QList<qint64> stepIds;
    QList<WorkflowEdge> edges;

    // Where devices go from `stepId` (Start: 0) when it gave `subtype`; End appears as 0.
    QList<qint64> next(qint64 stepId, const QString &subtype) const;
    // The steps reachable from Start in an order where each comes after all that lead to it.
    QList<qint64> order() const;
    // A graph a workflow can run: each edge success or failure between Start, its steps and
    // End; no cycle; End reachable from Start. A 400 on `edges` names the edge at fault
    // (`nameOf` gives a step's name).
    Result<void> check(const std::function<QString(qint64)> &nameOf) const;
};

} // namespace Cairn
