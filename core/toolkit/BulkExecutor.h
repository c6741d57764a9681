#pragma once

#include "CommandExecutor.h"
#include "jobs/Job.h"
#include "jobs/ParallelLanes.h"

#include <QList>
#include <map>

namespace Cairn {

class JobContext;
class JobManager;

// bulk-execute: many executions as one job, devices side by side but bounded, each under every
// check of a single execute (its rate limit included). Each execution writes its log as it ends, so
// a server killed half-way keeps what finished; the job then restarts as interrupted. The job's
// result is the answer: {results [{execution_id (1-based), success, command_log_id,
// execution_time, ...} | {execution_id, success: false, error, details}], summary}.
class BulkExecutor
{
public:
    static constexpr int MaxExecutions = 1000;
    static constexpr int MaxConcurrency = ParallelLanes::MaxThreads;
    static inline const QString JobKind = QStringLiteral("toolkit.bulk_execute");

    BulkExecutor(CommandExecutor &executor, JobManager &jobs, int concurrency);

    // An execution that could not even be read is given as its error and reported as such.
    Result<Job> start(const Identity &caller, const QList<Result<ExecutionRequest>> &executions);

private:
    // The executions' indexes by device, in order: a device's executions run one after another
    // on one session while devices run side by side. Devices cope badly with many sessions at
    // once, and every extra session costs a login.
    static QList<QList<int>> lanesOf(const QList<Result<ExecutionRequest>> &executions);
    QJsonObject run(JobContext &context, const Identity &caller,
                    const QList<Result<ExecutionRequest>> &executions);
    // What one device's lane has looked up already: the checks of an execution it repeats, and
    // the credential sets of the tokens it was given.
    struct LaneMemory
    {
        std::map<QByteArray, Result<PreparedExecution>> prepared;
        std::map<QString, Result<ResolvedCredentials>> credentials;
    };
    QJsonObject resultOf(int executionId, const Identity &caller,
                         const Result<ExecutionRequest> &execution, LaneMemory &memory);

    CommandExecutor &m_executor;
    JobManager &m_jobs;
    int m_concurrency;
};

} // namespace Cairn
