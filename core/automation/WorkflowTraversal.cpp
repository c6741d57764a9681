#include "WorkflowTraversal.h"

#include "jobs/ParallelLanes.h"

#include <QSet>
#include <vector>

namespace Cairn {

namespace {

const QString Success = QStringLiteral("success");
const QString Failure = QStringLiteral("failure");

// Where a step's edges lead: End as 0, as in the graph.
QList<qint64> nextOf(const WorkflowGraph &graph, qint64 step, bool passed)
{
    return graph.next(step, passed ? Success : Failure);
}

// One step's outcome on a device added to what the device went through so far.
void follow(WorkflowTraversal::Outcome &outcome, const QString &step,
            const WorkflowTraversal::Outcome &stepOutcome)
{
    outcome.path << step;
    outcome.result = stepOutcome.result;
    if (!stepOutcome.success)
        outcome.failedStep = stepOutcome.failedStep.isEmpty() ? step : stepOutcome.failedStep;
}

bool allPassed(const QList<WorkflowTraversal::Outcome> &outcomes)
{
    return std::all_of(outcomes.cbegin(), outcomes.cend(),
                       [](const WorkflowTraversal::Outcome &outcome) { return outcome.success; });
}

} // namespace

WorkflowTraversal::WorkflowTraversal(const RunOrder &order, StepRunner runStep, int concurrency,
                                     std::function<bool()> stopped)
    : m_order(order)
    , m_runStep(std::move(runStep))
    , m_concurrency(concurrency)
    , m_stopped(std::move(stopped))
{
}

const Service *WorkflowTraversal::stepOf(qint64 id) const
{
    const auto step = m_order.steps.constFind(id);
    return step == m_order.steps.cend() ? nullptr : &step.value();
}

WorkflowTraversal::Walk WorkflowTraversal::run(const Service &workflow,
                                               const QList<Device> &devices, int depth)
{
    if (depth > MaxNesting) {
        Walk refused;
        Outcome outcome;
        outcome.failedStep = workflow.name;
        outcome.result = QStringLiteral("Workflows nest deeper than %1 levels.").arg(MaxNesting);
        refused.devices = QList<Outcome>(devices.size(), outcome);
        return refused;
    }
    const QString method = workflow.settings.value(QLatin1String("run_method")).toString();
    if (method == u"per_service_with_workflow_targets")
        return withWorkflowTargets(workflow, devices, depth);
    if (method == u"per_service_with_service_targets")
        return withServiceTargets(workflow, devices, depth);
    return perDevice(workflow, devices, depth);
}

WorkflowTraversal::Walk WorkflowTraversal::perDevice(const Service &workflow,
                                                     const QList<Device> &devices, int depth)
{
    // One slot per device, written only by that device's lane.
    std::vector<Outcome> outcomes(devices.size());
    ParallelLanes::run(int(devices.size()), m_concurrency, [&](int index) {
        Outcome &outcome = outcomes[size_t(index)];
        QList<qint64> queue = workflow.graph.next(WorkflowGraph::Start, Success);
        QSet<qint64> visited;
        while (!queue.isEmpty() && !m_stopped()) {
            const qint64 id = queue.takeFirst();
            if (id == WorkflowGraph::End) {
                outcome.success = true;
                continue;
            }
            if (visited.contains(id))
                continue;
            visited.insert(id);
            const Service *step = stepOf(id);
            if (!step)
                break;
            const Outcome stepOutcome =
                runStep(workflow, *step, {devices.at(index)}, depth).first();
            follow(outcome, step->name, stepOutcome);
            queue << nextOf(workflow.graph, id, stepOutcome.success);
        }
    });
    Walk walk;
    walk.devices = QList<Outcome>(outcomes.begin(), outcomes.end());
    walk.success = !walk.devices.isEmpty() && allPassed(walk.devices);
    return walk;
}

WorkflowTraversal::Walk WorkflowTraversal::withWorkflowTargets(const Service &workflow,
                                                               const QList<Device> &devices,
                                                               int depth)
{
    Walk walk;
    walk.devices = QList<Outcome>(devices.size());
    // The devices (by index) that arrived at each step along its edges.
    QHash<qint64, QSet<int>> arrived;
    const auto arrive = [&](const QList<qint64> &targets, int index) {
        for (const qint64 target : targets) {
            if (target == WorkflowGraph::End)
                walk.devices[index].success = true;
            else
                arrived[target].insert(index);
        }
    };
    for (int index = 0; index < devices.size(); ++index)
        arrive(workflow.graph.next(WorkflowGraph::Start, Success), index);
    for (const qint64 id : workflow.graph.order()) {
        if (m_stopped())
            break;
        QList<int> indexes = arrived.value(id).values();
        if (indexes.isEmpty())
            continue;
        std::sort(indexes.begin(), indexes.end());
        QList<Device> here;
        for (const int index : std::as_const(indexes))
            here << devices.at(index);
        const Service *step = stepOf(id);
        if (!step)
            break;
        const QList<Outcome> outcomes = runStep(workflow, *step, here, depth);
        for (qsizetype k = 0; k < indexes.size(); ++k) {
            follow(walk.devices[indexes.at(k)], step->name, outcomes.at(k));
            arrive(nextOf(workflow.graph, id, outcomes.at(k).success), indexes.at(k));
        }
    }
    walk.success = !walk.devices.isEmpty() && allPassed(walk.devices);
    return walk;
}

WorkflowTraversal::Walk WorkflowTraversal::withServiceTargets(const Service &workflow,
                                                              const QList<Device> &devices,
                                                              int depth)
{
    Walk walk;
    walk.devices = QList<Outcome>(devices.size());
    QSet<qint64> reached;
    const auto arrive = [&](const QList<qint64> &targets) {
        for (const qint64 target : targets) {
            if (target == WorkflowGraph::End)
                walk.success = true;
            else
                reached.insert(target);
        }
    };
    arrive(workflow.graph.next(WorkflowGraph::Start, Success));
    for (const qint64 id : workflow.graph.order()) {
        if (m_stopped())
            break;
        if (!reached.contains(id))
            continue;
        const Service *step = stepOf(id);
        if (!step)
            break;
        const QList<Outcome> outcomes =
            runStep(workflow, *step, m_order.stepTargets.value(id), depth);
        const bool passed = !outcomes.isEmpty() && allPassed(outcomes);
        for (Outcome &outcome : walk.devices) {
            outcome.path << step->name;
            if (!passed)
                outcome.failedStep = step->name;
        }
        arrive(nextOf(workflow.graph, id, passed));
    }
    for (Outcome &outcome : walk.devices)
        outcome.success = walk.success;
    return walk;
}

QList<WorkflowTraversal::Outcome> WorkflowTraversal::runStep(const Service &workflow,
                                                             const Service &step,
                                                             const QList<Device> &devices,
                                                             int depth)
{
    if (step.type == u"workflow") {
        if (step.settings.value(QLatin1String("run_method")).toString() !=
            u"per_service_with_service_targets")
            return run(step, devices, depth + 1).devices;
        std::shared_ptr<OwnTargetWalk> walk;
        {
            const QMutexLocker lock(&m_ownTargetsMutex);
            std::shared_ptr<OwnTargetWalk> &slot = m_ownTargetWalks[step.id];
            if (!slot)
                slot = std::make_shared<OwnTargetWalk>();
            walk = slot;
        }
        // Walked by the first device to arrive (outside the lock: it may nest others); the
        // rest wait for its outcome.
        std::call_once(walk->once, [&] { walk->success = run(step, {}, depth + 1).success; });
        Outcome outcome;
        outcome.success = walk->success;
        if (!outcome.success)
            outcome.failedStep = step.name;
        return QList<Outcome>(qMax<qsizetype>(1, devices.size()), outcome);
    }
    const auto attempt = [&](const Device *device) {
        const ServiceResult result =
            m_runStep(step, device, memoryOf(device ? device->id : 0), workflow.name);
        Outcome outcome;
        outcome.success = result.success;
        outcome.result = result.result;
        if (!result.success)
            outcome.failedStep = step.name;
        return std::make_pair(outcome, result);
    };
    if (step.settings.value(QLatin1String("run_method")).toString() == u"once") {
        const auto [outcome, result] = attempt(nullptr);
        for (const Device &device : devices)
            remember(device.id, step, result);
        return QList<Outcome>(qMax<qsizetype>(1, devices.size()), outcome);
    }
    std::vector<Outcome> outcomes(devices.size());
    ParallelLanes::run(int(devices.size()), m_concurrency, [&](int index) {
        const Device &device = devices.at(index);
        const auto [outcome, result] = attempt(&device);
        remember(device.id, step, result);
        outcomes[size_t(index)] = outcome;
    });
    return QList<Outcome>(outcomes.begin(), outcomes.end());
}

QJsonObject WorkflowTraversal::memoryOf(qint64 deviceId)
{
    const QMutexLocker lock(&m_mutex);
    const Memory memory = m_memory.value(deviceId);
    return {{QStringLiteral("variables"), memory.variables},
            {QStringLiteral("results"), memory.results}};
}

void WorkflowTraversal::remember(qint64 deviceId, const Service &step, const ServiceResult &result)
{
    const QMutexLocker lock(&m_mutex);
    Memory &memory = m_memory[deviceId];
    memory.results.insert(step.name, result.result);
    if (step.type == u"data_extraction_service" && result.success) {
        const QJsonObject extracted = result.result.value(QLatin1String("result")).toObject();
        for (auto it = extracted.begin(); it != extracted.end(); ++it)
            memory.variables.insert(it.key(), it.value());
    }
}

} // namespace Cairn
