#pragma once

#include "BackupStep.h"
#include "CommandStep.h"
#include "ConfigurationHistory.h"
#include "DataExtractionStep.h"
#include "DeviceLogin.h"
#include "DeviceTexts.h"
#include "PingStep.h"
#include "RestCallStep.h"
#include "RunEvents.h"
#include "RunRepository.h"
#include "Service.h"
#include "ServiceTemplates.h"
#include "TemplateStep.h"
#include "WorkflowTraversal.h"
#include "auth/Identity.h"
#include "inventory/Device.h"

#include <QHash>
#include <QList>
#include <functional>

namespace Cairn {

class DeviceService;
class JobContext;
class JobManager;
class ServerKey;
class SiteService;

// Runs services as jobs: a run row named by its runtime, each device's try (with the service's
// retries and validation) side by side but bounded, a result row per device as it ends, and the
// run's report (what a synchronous run_service answers) once all have. A server stopped or
// killed under a run leaves it Interrupted with the results it had; a stop request, Aborted.
class ServiceRunner
{
public:
    static inline const QString JobKind = QStringLiteral("automation.run");

    struct Parts
    {
        Database &database;
        JobManager &jobs;
        CredentialSetService &credentials;
        SessionPool &sessions;
        KnownHosts &knownHosts;
        SiteService &sites;
        // Reads a claimed run's devices back (RunWork).
        DeviceService &devices;
        const ServerKey &serverKey;
        // Where the configuration history's repository lives.
        QString historyDirectory;
    };
    struct Limits
    {
        HostKeyPolicy hostKeyPolicy = HostKeyPolicy::TrustOnFirstUse;
        qsizetype maxOutputBytes = 16 * 1024 * 1024;
        // Devices of one run tried at once.
        int concurrency = 16;
    };

    ServiceRunner(Parts parts, Limits limits);

    // Checks a run's order again when its job starts and completes it (its workflow's steps,
    // credential sets): AutomationRuns::recheck, set once by the core before any run starts.
    using OrderCheck = std::function<Result<void>(const Identity &caller, RunOrder &order)>;
    void setOrderCheck(OrderCheck check) { m_orderCheck = std::move(check); }

    // One run to start, and whom it runs as.
    struct Start
    {
        Identity caller;
        RunOrder order;
    };

    // Records the run and starts it; the run as recorded (Running). On a server node its job
    // waits in the queue for whichever node has a free worker (JobManager::share).
    Result<ServiceRun> start(const Identity &caller, RunOrder order);
    // Records the runs in one transaction, then starts them: a burst of scheduled firings is
    // one write, not three per run. Each run as recorded, or why it did not start.
    QList<Result<ServiceRun>> start(QList<Start> starts);
    // Blocks until the run has ended or `timeoutMs` has passed; the run as it then is.
    Result<ServiceRun> waitFor(const ServiceRun &run, int timeoutMs);
    // Asks a running run to stop; what has not started is reported as not run.
    Result<void> stop(const ServiceRun &run);
    // At start: runs a previous process left running without a job that could still end them
    // are ended Interrupted with the results they have. Returns how many.
    Result<int> endOrphans();
    RunRepository &runs() { return m_runs; }
    RunEvents &events() { return m_events; }
    ConfigurationHistory &history() { return m_history; }
    DeviceTexts &texts() { return m_texts; }

private:
    Result<QJsonObject> execute(JobContext &context, const Identity &caller, const RunOrder &order,
                                const ServiceRun &run);
    // What one try of a run's service (or a workflow's step) on a device sees besides the
    // device and the payload: what the device's earlier steps left ({variables, results}).
    struct Try
    {
        const Service &service;
        const Device *device;
        const QJsonObject &memory;
        QString workflowName;
    };
    // One device's result (none: the service runs once), after its retries.
    ServiceResult resultOn(JobContext &context, const Identity &caller, const RunOrder &order,
                           const ServiceRun &run, const Try &attempt);
    // A workflow run's report: each device's path through the steps and where it failed.
    QJsonObject walkReport(const ServiceRun &run, const RunOrder &order,
                           const WorkflowTraversal::Walk &walk);
    ServiceStep *stepFor(const QString &type);
    // What a finished (or interrupted) run reports: eNMS's run_service answer.
    static QJsonObject reportOf(const ServiceRun &run, const QList<ServiceResult> &results);
    // Runs a job claimed from the queue: the run and its order read back from `work`.
    Result<QJsonObject> executeClaimed(JobContext &context, const QJsonObject &work);
    // Ends a run that stopped before its end (the process died under it, or its job never
    // started) as `status`, from its stored results; `problem` says why, when it never could.
    QString end(qint64 runId, RunStatus status, const QString &problem = {});

    Database &m_database;
    DeviceService &m_devices;
    RunRepository m_runs;
    RunEvents m_events;
    JobManager &m_jobs;
    DeviceTexts m_texts;
    ConfigurationHistory m_history;
    ServiceTemplates m_templates;
    DeviceLogin m_login;
    CommandStep m_command;
    BackupStep m_backup;
    PingStep m_ping;
    RestCallStep m_restCall;
    TemplateStep m_template;
    DataExtractionStep m_extraction;
    int m_concurrency;
    OrderCheck m_orderCheck;
};

} // namespace Cairn
