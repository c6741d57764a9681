#include "ServiceRunner.h"

#include "ResultValidation.h"
#include "RunDuration.h"
#include "RunWork.h"
#include "auth/ServerKey.h"
#include "db/Transaction.h"
#include "jobs/JobManager.h"
#include "jobs/ParallelLanes.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QMutex>
#include <QSet>
#include <QThread>

namespace Cairn {

namespace {

QJsonObject progressOf(qsizetype total, int passed, int failed)
{
    return {{QStringLiteral("total"), total},
            {QStringLiteral("done"), passed + failed},
            {QStringLiteral("passed"), passed},
            {QStringLiteral("failed"), failed}};
}

// Waits between retries, waking early when the run is asked to stop.
void pause(int seconds, const std::function<bool()> &stopped)
{
    const QDeadlineTimer deadline(qint64(seconds) * 1000);
    while (!deadline.hasExpired() && !stopped())
        QThread::msleep(quint64(qMin<qint64>(100, qMax<qint64>(1, deadline.remainingTime()))));
}

QJsonObject progressEvent(const QJsonObject &progress)
{
    return {{QStringLiteral("type"), QStringLiteral("progress")},
            {QStringLiteral("progress"), progress}};
}

// What followers see of a result: who and how, not the output (GET /rest/result has it).
QJsonObject resultEvent(const ServiceResult &result)
{
    return {{QStringLiteral("type"), QStringLiteral("result")},
            {QStringLiteral("service"), result.serviceName},
            {QStringLiteral("device"), result.deviceName},
            {QStringLiteral("workflow"), result.workflowName},
            {QStringLiteral("success"), result.success},
            {QStringLiteral("duration"), RunDuration::text(result.durationMs)}};
}

QJsonObject endEvent(RunStatus status, bool success)
{
    return {{QStringLiteral("type"), QStringLiteral("end")},
            {QStringLiteral("status"), runStatusName(status)},
            {QStringLiteral("success"), success}};
}

} // namespace

ServiceRunner::ServiceRunner(Parts parts, Limits limits)
    : m_database(parts.database)
    , m_devices(parts.devices)
    , m_runs(parts.database)
    , m_jobs(parts.jobs)
    , m_texts(parts.database)
    , m_history(parts.historyDirectory)
    , m_templates(m_texts, parts.sites)
    , m_login(parts.credentials, parts.sessions, parts.knownHosts, limits.hostKeyPolicy,
              limits.maxOutputBytes)
    , m_command(m_login)
    , m_backup(m_command, m_texts, m_history, parts.sites)
    , m_restCall(Sealer(parts.serverKey.derive("services")))
    , m_concurrency(qBound(1, limits.concurrency, ParallelLanes::MaxThreads))
{
    // A run's job that ended without running it (its process died, it was cancelled while it
    // waited) ends the run the same way.
    m_jobs.registerRecovery(JobKind, [this](const Job &job) {
        return end(job.params.value(QLatin1String("run_id")).toInteger(),
                   job.state == JobState::Cancelled ? RunStatus::Aborted : RunStatus::Interrupted);
    });
    m_jobs.registerShared(JobKind, [this](JobContext &context, const QJsonObject &work) {
        return executeClaimed(context, work);
    });
}

Result<QJsonObject> ServiceRunner::executeClaimed(JobContext &context, const QJsonObject &work)
{
    Result<RunWork::Loaded> loaded = RunWork::load(m_database, m_devices, work);
    // Followers see the run from here on, its end too when it may no longer start.
    if (loaded)
        m_events.started(loaded->run.id);
    const Result<void> checked = !loaded        ? Result<void>(loaded.error())
                                 : m_orderCheck ? m_orderCheck(loaded->caller, loaded->order)
                                                : Result<void>();
    if (!checked) {
        // It never ran: the run ends saying why (aborted when it was stopped meanwhile).
        (void)end(RunWork::runId(work),
                  context.isCancelled() ? RunStatus::Aborted : RunStatus::Completed,
                  checked.error().message);
        return checked.error();
    }
    return execute(context, loaded->caller, loaded->order, loaded->run);
}

ServiceStep *ServiceRunner::stepFor(const QString &type)
{
    if (type == QLatin1String("command_service"))
        return &m_command;
    if (type == QLatin1String("backup_service"))
        return &m_backup;
    if (type == QLatin1String("ping_service"))
        return &m_ping;
    if (type == QLatin1String("rest_call_service"))
        return &m_restCall;
    if (type == QLatin1String("template_service"))
        return &m_template;
    if (type == QLatin1String("data_extraction_service"))
        return &m_extraction;
    return nullptr;
}

Result<ServiceRun> ServiceRunner::start(const Identity &caller, RunOrder order)
{
    QList<Start> one{{caller, std::move(order)}};
    return start(std::move(one)).constFirst();
}

QList<Result<ServiceRun>> ServiceRunner::start(QList<Start> starts)
{
    QList<Result<ServiceRun>> outcomes;
    outcomes.reserve(starts.size());
    for (const Start &start : std::as_const(starts)) {
        const RunOrder &order = start.order;
        if (order.service.type != u"workflow" && !stepFor(order.service.type)) {
            outcomes << Error::badRequest(
                QStringLiteral("Services of type %1 cannot run yet.").arg(order.service.type));
            continue;
        }
        ServiceRun run;
        run.serviceId = order.service.id;
        run.serviceName = order.service.name;
        run.trigger = order.trigger;
        run.creatorId = start.caller.user.id;
        run.creator = start.caller.user.username;
        for (const Device &device : order.devices)
            run.targets << device.hostname;
        run.payload = order.payload;
        run.progress = progressOf(order.devices.size(), 0, 0);
        outcomes << run;
    }
    // The run, its job and the link between them appear together or not at all; the jobs
    // start once they are there to be read (inside a caller's transaction, as the scheduler
    // claims a firing and records its run, once that commits).
    const bool here = !m_jobs.isClaiming();
    const Result<void> recorded =
        Transaction::run(m_database, [&](const QSqlDatabase &) -> Result<void> {
            for (qsizetype i = 0; i < outcomes.size(); ++i) {
                if (!outcomes.at(i))
                    continue;
                ServiceRun &run = outcomes[i].value();
                const Result<void> inserted = m_runs.insert(run);
                if (!inserted)
                    return inserted.error();
                const QJsonObject params{{QStringLiteral("run_id"), run.id},
                                         {QStringLiteral("runtime"), run.runtime},
                                         {QStringLiteral("service"), run.serviceName}};
                const Result<Job> job =
                    m_jobs.share(JobKind, params, run.creatorId,
                                 RunWork::of(starts.at(i).caller, starts.at(i).order, run));
                if (!job)
                    return job.error();
                run.jobId = job->id;
                const Result<void> linked = m_runs.setJob(run.id, job->id);
                if (!linked)
                    return linked.error();
                // Run here: followers may attach while it waits for a worker.
                if (here)
                    Transaction::whenEnded([this, runId = run.id](bool committed) {
                        if (committed)
                            m_events.started(runId);
                    });
            }
            return {};
        });
    if (!recorded && starts.size() > 1) {
        // One run that could not be recorded must not cost the others theirs: each on its own.
        QList<Result<ServiceRun>> each;
        for (Start &start : starts)
            each << this->start(start.caller, std::move(start.order));
        return each;
    }
    for (Result<ServiceRun> &outcome : outcomes) {
        if (outcome && !recorded)
            outcome = recorded.error();
    }
    return outcomes;
}

Result<ServiceRun> ServiceRunner::waitFor(const ServiceRun &run, int timeoutMs)
{
    if (run.jobId) {
        const Result<Job> job = m_jobs.waitFor(*run.jobId, timeoutMs);
        if (!job)
            return job.error();
    }
    const Result<std::optional<ServiceRun>> found = m_runs.find(run.id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("The run %1 is gone.").arg(run.runtime));
    return found->value();
}

Result<void> ServiceRunner::stop(const ServiceRun &run)
{
    if (run.status != RunStatus::Running || !run.jobId)
        return Error::conflict(QStringLiteral("The run %1 has ended.").arg(run.runtime));
    // A job stopped before it started ends its run through the recovery registered above.
    const Result<Job> cancelled = m_jobs.cancel(*run.jobId);
    if (!cancelled)
        return cancelled.error();
    return {};
}

Result<QJsonObject> ServiceRunner::execute(JobContext &context, const Identity &caller,
                                           const RunOrder &order, const ServiceRun &run)
{
    QList<ServiceResult> results;
    QMutex mutex;
    int passed = 0;
    int failed = 0;
    int steps = 0;
    const bool workflow = order.service.type == u"workflow";
    // Backups committed with the run: the service's own, or a workflow's backup steps'.
    const auto commits = [](const Service &service) {
        return service.type == u"backup_service" &&
               service.settings.value(QLatin1String("commit_to_git")).toBool();
    };
    QSet<qint64> committing;
    if (commits(order.service))
        committing.insert(order.service.id);
    for (const Service &step : order.steps) {
        if (commits(step))
            committing.insert(step.id);
    }
    int backups = 0;
    const auto record = [&](ServiceResult result) {
        const Result<void> added = m_runs.addResult(result);
        const QMutexLocker lock(&mutex);
        if (!added)
            qWarning() << "run" << run.runtime
                       << "could not record a result:" << added.error().message;
        if (result.success && result.serviceId && committing.contains(*result.serviceId))
            ++backups;
        // A workflow's report comes from its walk: its step results are not held a second time.
        if (!workflow)
            results << result;
        m_events.publish(run.id, resultEvent(result));
        if (workflow) {
            // A workflow's devices end with the walk; its steps show it moving.
            QJsonObject progress = progressOf(order.devices.size(), 0, 0);
            progress.insert(QStringLiteral("steps"), ++steps);
            (void)m_runs.setProgress(run.id, progress);
            m_events.publish(run.id, progressEvent(progress));
            return;
        }
        (result.success ? passed : failed) += 1;
        const QJsonObject progress = progressOf(order.devices.size(), passed, failed);
        (void)m_runs.setProgress(run.id, progress);
        m_events.publish(run.id, progressEvent(progress));
        if (!order.devices.isEmpty())
            context.setProgress(int((passed + failed) * 100 / order.devices.size()));
    };
    const QJsonObject noMemory;
    QJsonObject report;
    if (workflow) {
        WorkflowTraversal traversal(
            order,
            [&](const Service &step, const Device *device, const QJsonObject &memory,
                const QString &workflowName) {
                ServiceResult result =
                    resultOn(context, caller, order, run, {step, device, memory, workflowName});
                record(result);
                return result;
            },
            m_concurrency, [&context] { return context.isCancelled(); });
        const WorkflowTraversal::Walk walk = traversal.run(order.service, order.devices);
        for (const WorkflowTraversal::Outcome &outcome : walk.devices)
            (outcome.success ? passed : failed) += 1;
        (void)m_runs.setProgress(run.id, progressOf(order.devices.size(), passed, failed));
        report = walkReport(run, order, walk);
    } else if (order.service.settings.value(QLatin1String("run_method")).toString() ==
               QLatin1String("once")) {
        record(resultOn(context, caller, order, run, {order.service, nullptr, noMemory, {}}));
    } else {
        ParallelLanes::run(int(order.devices.size()), m_concurrency, [&](int index) {
            record(resultOn(context, caller, order, run,
                            {order.service, &order.devices.at(index), noMemory, {}}));
        });
    }
    context.setItemOutcomes(passed, failed);
    const RunStatus status = !context.isCancelled() ? RunStatus::Completed
                             : m_jobs.isStopping()  ? RunStatus::Interrupted
                                                    : RunStatus::Aborted;
    if (!workflow)
        report = reportOf(run, results);
    const QStringList problems = order.problems + order.stepProblems;
    report.insert(QStringLiteral("errors"), QJsonArray::fromStringList(problems));
    if (backups > 0) {
        // One commit for the whole run, as a person would make it.
        const Result<std::optional<QString>> commit = m_history.commit(
            QStringLiteral("%1 at %2: %3 backups").arg(run.serviceName, run.runtime).arg(backups));
        if (!commit)
            report.insert(
                QStringLiteral("errors"),
                QJsonArray::fromStringList(problems + QStringList{commit.error().message}));
        else if (commit->has_value())
            report.insert(QStringLiteral("commit"), commit->value());
    }
    const bool success = report.value(QLatin1String("success")).toBool();
    const Result<bool> finished = m_runs.finish(run.id, status, success, report);
    m_events.ended(run.id, endEvent(status, success));
    if (!finished)
        return finished.error();
    return QJsonObject{{QStringLiteral("run_id"), run.id},
                       {QStringLiteral("runtime"), run.runtime},
                       {QStringLiteral("status"), runStatusName(status)}};
}

ServiceResult ServiceRunner::resultOn(JobContext &context, const Identity &caller,
                                      const RunOrder &order, const ServiceRun &run,
                                      const Try &attempt)
{
    const Device *device = attempt.device;
    const std::function<bool()> stopped = [&context] {
        return context.isCancelled();
    };
    QElapsedTimer clock;
    clock.start();
    // The service as this device sees it: its templated fields rendered. A template that fails
    // fails the same way on every try: no retries.
    Result<QJsonObject> fields = m_templates.contextOf(attempt.service, device, order.payload);
    if (fields) {
        for (auto it = attempt.memory.begin(); it != attempt.memory.end(); ++it)
            fields->insert(it.key(), it.value());
    }
    const Result<Service> rendered =
        fields ? ServiceTemplates::rendered(attempt.service, fields.value()) : fields.error();
    Service service = rendered ? rendered.value() : attempt.service;
    // A step that names no credential set logs in with the one its runner's pools chose.
    if (device && service.settings.value(QLatin1String("credentials")).toString().isEmpty() &&
        order.credentials.contains(device->id))
        service.settings.insert(QStringLiteral("credentials"), order.credentials.value(device->id));
    const int retries =
        rendered ? service.settings.value(QLatin1String("number_of_retries")).toInt() : 0;
    const int pauseSeconds = service.settings.value(QLatin1String("time_between_retries")).toInt();
    QJsonObject shown;
    bool success = false;
    int retry = 0;
    for (;; ++retry) {
        if (stopped()) {
            shown = {{QStringLiteral("result"), QStringLiteral("Not run: the run was stopped.")}};
            break;
        }
        const Result<StepOutput> output =
            rendered ? stepFor(service.type)
                           ->run(StepInput{caller, service, device, order.payload, run.runtime,
                                           stopped, fields.value()})
                     : Result<StepOutput>(rendered.error());
        if (output) {
            shown = output->details;
            shown.insert(QStringLiteral("result"), output->result);
            success = output->success;
            const Result<bool> valid = ResultValidation::passes(service.settings, output->result);
            if (!valid) {
                success = false;
                shown.insert(QStringLiteral("error"), valid.error().message);
            } else if (success && !valid.value()) {
                success = false;
                shown.insert(QStringLiteral("error"), QStringLiteral("The validation failed."));
            }
        } else {
            success = false;
            shown = {{QStringLiteral("result"), output.error().message},
                     {QStringLiteral("error"), output.error().message}};
            if (!output.error().fields.isEmpty())
                shown.insert(QStringLiteral("fields"), output.error().fields);
        }
        if (success || retry >= retries || stopped())
            break;
        pause(pauseSeconds, stopped);
    }
    const QString match = service.settings.value(QLatin1String("content_match")).toString();
    if (!match.isEmpty()) {
        shown.insert(QStringLiteral("match"), match);
        shown.insert(QStringLiteral("negative_logic"),
                     service.settings.value(QLatin1String("negative_logic")));
    }
    ServiceResult result;
    result.runId = run.id;
    result.serviceId = service.id;
    result.serviceName = service.name;
    result.workflowName = attempt.workflowName;
    if (device) {
        result.deviceId = device->id;
        result.deviceName = device->hostname;
        shown.insert(QStringLiteral("device_target"), device->hostname);
    }
    result.success = success;
    result.durationMs = clock.elapsed();
    shown.insert(QStringLiteral("success"), success);
    shown.insert(QStringLiteral("retries"), retry);
    shown.insert(QStringLiteral("runtime"), run.runtime);
    shown.insert(QStringLiteral("duration"), RunDuration::text(result.durationMs));
    result.result = shown;
    return result;
}

QJsonObject ServiceRunner::reportOf(const ServiceRun &run, const QList<ServiceResult> &results)
{
    QStringList passed;
    QStringList failed;
    QJsonObject devices;
    QJsonObject report;
    bool success = !results.isEmpty();
    for (const ServiceResult &result : results) {
        success = success && result.success;
        if (result.deviceName.isEmpty()) {
            report.insert(QStringLiteral("result"), result.result);
            continue;
        }
        (result.success ? passed : failed).append(result.deviceName);
        devices.insert(result.deviceName, result.result);
    }
    // A run once for all its devices passes or fails them all.
    if (devices.isEmpty() && !results.isEmpty())
        (success ? passed : failed).append(run.targets);
    // Devices end in any order: listed by name, so reports compare.
    passed.sort();
    failed.sort();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    report.insert(QStringLiteral("runtime"), run.runtime);
    report.insert(QStringLiteral("success"), success);
    report.insert(QStringLiteral("summary"),
                  QJsonObject{{QStringLiteral("success"), QJsonArray::fromStringList(passed)},
                              {QStringLiteral("failure"), QJsonArray::fromStringList(failed)}});
    report.insert(QStringLiteral("duration"), RunDuration::text(now - run.startedAt));
    report.insert(QStringLiteral("trigger"), run.trigger);
    report.insert(QStringLiteral("devices"), devices);
    report.insert(QStringLiteral("errors"), QJsonArray());
    return report;
}

QJsonObject ServiceRunner::walkReport(const ServiceRun &run, const RunOrder &order,
                                      const WorkflowTraversal::Walk &walk)
{
    QStringList passed;
    QStringList failed;
    QJsonObject devices;
    for (qsizetype i = 0; i < walk.devices.size(); ++i) {
        const WorkflowTraversal::Outcome &outcome = walk.devices.at(i);
        const QString name = order.devices.at(i).hostname;
        (outcome.success ? passed : failed).append(name);
        QJsonObject shown{{QStringLiteral("success"), outcome.success},
                          {QStringLiteral("path"), QJsonArray::fromStringList(outcome.path)},
                          {QStringLiteral("result"), outcome.result}};
        if (!outcome.failedStep.isEmpty())
            shown.insert(QStringLiteral("failed_step"), outcome.failedStep);
        devices.insert(name, shown);
    }
    passed.sort();
    failed.sort();
    return {{QStringLiteral("runtime"), run.runtime},
            {QStringLiteral("success"), walk.success},
            {QStringLiteral("summary"),
             QJsonObject{{QStringLiteral("success"), QJsonArray::fromStringList(passed)},
                         {QStringLiteral("failure"), QJsonArray::fromStringList(failed)}}},
            {QStringLiteral("duration"),
             RunDuration::text(QDateTime::currentMSecsSinceEpoch() - run.startedAt)},
            {QStringLiteral("trigger"), run.trigger},
            {QStringLiteral("devices"), devices}};
}

QString ServiceRunner::end(qint64 runId, RunStatus status, const QString &problem)
{
    const Result<std::optional<ServiceRun>> run = m_runs.find(runId);
    if (!run || !run->has_value() || run->value().status != RunStatus::Running)
        return {};
    const Result<QList<ServiceResult>> results = m_runs.resultsOf(runId);
    QJsonObject report = reportOf(run->value(), results ? results.value() : QList<ServiceResult>{});
    if (!problem.isEmpty())
        report.insert(QStringLiteral("errors"), QJsonArray{problem});
    (void)m_runs.finish(runId, status, false, report);
    m_events.ended(runId, endEvent(status, false));
    return QStringLiteral("Run %1 of %2 marked %3 with %4 results")
        .arg(run->value().runtime, run->value().serviceName, runStatusName(status))
        .arg(results ? results->size() : 0);
}

Result<int> ServiceRunner::endOrphans()
{
    const Result<QList<ServiceRun>> orphans = m_runs.orphaned();
    if (!orphans)
        return orphans.error();
    for (const ServiceRun &run : orphans.value())
        qInfo().noquote() << end(run.id, RunStatus::Interrupted);
    return int(orphans->size());
}

} // namespace Cairn
