#pragma once

#include "RunOrder.h"
#include "ServiceResult.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <functional>
#include <memory>
#include <mutex>

namespace Cairn {

// How devices go through a workflow's steps, by its run_method:
// - per_device: each device on its own, from Start along success edges while its steps pass
//   and failure edges when one fails;
// - per_service_with_workflow_targets: each step once, on the devices that arrived along its
//   edges, in the graph's order (a step runs after every step that leads to it);
// - per_service_with_service_targets: each step on its own targets; the step's edges follow
//   whether all of them passed.
// A device succeeds when it reaches End. Nested workflows run the same way, by their own
// run_method. What a step extracts (data extraction's {variable: values}) and gives is kept
// per device and shown to its later steps' templates as `variables` and `results[step]`.
class WorkflowTraversal
{
public:
    // Runs one step on one device (null: once for all) with what the device's earlier steps
    // left (`memory`: {variables, results}); `workflowName` is the workflow the step is in.
    using StepRunner =
        std::function<ServiceResult(const Service &step, const Device *device,
                                    const QJsonObject &memory, const QString &workflowName)>;

    struct Outcome
    {
        bool success = false;
        // The steps the device went through, in order.
        QStringList path;
        // The last step that failed on it (empty when none did).
        QString failedStep;
        QJsonValue result;
    };

    WorkflowTraversal(const RunOrder &order, StepRunner runStep, int concurrency,
                      std::function<bool()> stopped);

    struct Walk
    {
        // Each device's outcome, in the order of the devices given.
        QList<Outcome> devices;
        // Every device reached End (per_service_with_service_targets: End was reached).
        bool success = false;
    };

    // How deep workflows may nest: deeper is a workflow inside itself (saved through a race) or
    // nothing a person draws.
    static constexpr int MaxNesting = 16;

    // `depth`: how many workflows this one is inside.
    Walk run(const Service &workflow, const QList<Device> &devices, int depth = 0);

private:
    struct Memory
    {
        QJsonObject variables;
        QJsonObject results;
    };

    Walk perDevice(const Service &workflow, const QList<Device> &devices, int depth);
    Walk withWorkflowTargets(const Service &workflow, const QList<Device> &devices, int depth);
    Walk withServiceTargets(const Service &workflow, const QList<Device> &devices, int depth);
    // `step` (a service, or a nested workflow) on `devices`: what each gave.
    QList<Outcome> runStep(const Service &workflow, const Service &step,
                           const QList<Device> &devices, int depth);
    // Null when the run's order lacks it (it cannot: AutomationRuns loads every step).
    const Service *stepOf(qint64 id) const;
    QJsonObject memoryOf(qint64 deviceId);
    void remember(qint64 deviceId, const Service &step, const ServiceResult &result);

    const RunOrder &m_order;
    StepRunner m_runStep;
    int m_concurrency;
    std::function<bool()> m_stopped;
    QMutex m_mutex;
    QHash<qint64, Memory> m_memory;
    // Nested workflows that run on their steps' own targets run once per run, however many
    // devices arrive at them: whether each reached End.
    struct OwnTargetWalk
    {
        std::once_flag once;
        bool success = false;
    };
    QMutex m_ownTargetsMutex;
    QHash<qint64, std::shared_ptr<OwnTargetWalk>> m_ownTargetWalks;
};

} // namespace Cairn
