#include "BulkExecutor.h"

#include "jobs/JobManager.h"
#include "jobs/ParallelLanes.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <vector>

namespace Cairn {

namespace {

QJsonObject refusal(int executionId, const Error &error)
{
    QJsonObject details = error.fields;
    if (!error.reason.isEmpty())
        details.insert(QStringLiteral("reason"), error.reason);
    return {{QStringLiteral("execution_id"), executionId},
            {QStringLiteral("success"), false},
            {QStringLiteral("error"), error.message},
            {QStringLiteral("details"), details}};
}

// What the job records of its executions: everything but the credential tokens.
QJsonObject paramsOf(const QList<Result<ExecutionRequest>> &executions, int concurrency)
{
    QJsonArray described;
    for (const Result<ExecutionRequest> &execution : executions) {
        if (!execution) {
            described.append(QJsonObject{{QStringLiteral("error"), execution.error().message}});
            continue;
        }
        described.append(QJsonObject{{QStringLiteral("command_id"), execution->commandId},
                                     {QStringLiteral("device_id"), execution->deviceId},
                                     {QStringLiteral("variables"), execution->variables},
                                     {QStringLiteral("timeout"), execution->timeoutSeconds}});
    }
    return {{QStringLiteral("executions"), described},
            {QStringLiteral("concurrency"), concurrency}};
}

} // namespace

BulkExecutor::BulkExecutor(CommandExecutor &executor, JobManager &jobs, int concurrency)
    : m_executor(executor)
    , m_jobs(jobs)
    , m_concurrency(qBound(1, concurrency, MaxConcurrency))
{
}

Result<Job> BulkExecutor::start(const Identity &caller,
                                const QList<Result<ExecutionRequest>> &executions)
{
    if (executions.isEmpty())
        return Error::invalidField(QStringLiteral("executions"),
                                   QStringLiteral("At least one execution is required."));
    if (executions.size() > MaxExecutions)
        return Error::invalidField(
            QStringLiteral("executions"),
            QStringLiteral("At most %1 executions in one request.").arg(MaxExecutions));
    return m_jobs.submit(JobKind, paramsOf(executions, m_concurrency), caller.user.id,
                         [this, caller, executions](JobContext &context) -> Result<QJsonObject> {
                             return run(context, caller, executions);
                         });
}

QList<QList<int>> BulkExecutor::lanesOf(const QList<Result<ExecutionRequest>> &executions)
{
    QList<QList<int>> lanes;
    QHash<qint64, qsizetype> laneOfDevice;
    for (int index = 0; index < executions.size(); ++index) {
        const Result<ExecutionRequest> &execution = executions.at(index);
        if (!execution) {
            lanes.append(QList<int>{index});
            continue;
        }
        const auto found = laneOfDevice.constFind(execution->deviceId);
        if (found != laneOfDevice.cend()) {
            lanes[found.value()].append(index);
            continue;
        }
        laneOfDevice.insert(execution->deviceId, lanes.size());
        lanes.append(QList<int>{index});
    }
    return lanes;
}

QJsonObject BulkExecutor::run(JobContext &context, const Identity &caller,
                              const QList<Result<ExecutionRequest>> &executions)
{
    const int total = int(executions.size());
    std::vector<QJsonObject> results(size_t(executions.size()));
    QMutex progressMutex;
    int done = 0;
    const QList<QList<int>> lanes = lanesOf(executions);
    ParallelLanes::run(int(lanes.size()), m_concurrency, [&](int lane) {
        LaneMemory memory;
        for (const int index : lanes.at(lane)) {
            // Once the job is asked to stop, what has not started is reported, not run.
            results[size_t(index)] =
                context.isCancelled()
                    ? refusal(index + 1, Error{ErrorCode::Unavailable,
                                               QStringLiteral("Not run: the job was stopped.")})
                    : resultOf(index + 1, caller, executions.at(index), memory);
            const QMutexLocker lock(&progressMutex);
            context.setProgress(++done * 100 / total);
        }
    });
    QJsonArray array;
    int successful = 0;
    for (const QJsonObject &result : results) {
        successful += result.value(QLatin1String("success")).toBool() ? 1 : 0;
        array.append(result);
    }
    context.setItemOutcomes(successful, total - successful);
    return {
        {QStringLiteral("results"), array},
        {QStringLiteral("summary"), QJsonObject{{QStringLiteral("total"), total},
                                                {QStringLiteral("successful"), successful},
                                                {QStringLiteral("failed"), total - successful}}}};
}

QJsonObject BulkExecutor::resultOf(int executionId, const Identity &caller,
                                   const Result<ExecutionRequest> &execution, LaneMemory &memory)
{
    if (!execution)
        return refusal(executionId, execution.error());
    // The same command with the same variables passes the same checks within one run.
    const QByteArray key = QByteArray::number(execution->commandId) + ' ' +
                           QByteArray::number(execution->timeoutSeconds) + ' ' +
                           QJsonDocument(execution->variables).toJson(QJsonDocument::Compact);
    auto prepared = memory.prepared.find(key);
    if (prepared == memory.prepared.end())
        prepared =
            memory.prepared.emplace(key, m_executor.prepare(caller, execution.value())).first;
    if (!prepared->second)
        return refusal(executionId, prepared->second.error());
    const QString &token = execution->credentialToken;
    const Result<ExecutionOutcome> outcome =
        m_executor.run(caller, prepared->second.value(), [&](const QString &platform) {
            auto known = memory.credentials.find(token);
            if (known == memory.credentials.end())
                known = memory.credentials
                            .emplace(token, m_executor.credentialsFor(caller, token, platform))
                            .first;
            return known->second;
        });
    if (!outcome)
        return refusal(executionId, outcome.error());
    const CommandLog &log = outcome->log;
    QJsonObject result{
        {QStringLiteral("execution_id"), executionId},
        {QStringLiteral("success"), log.success},
        {QStringLiteral("command_log_id"), log.id},
        {QStringLiteral("execution_time"), log.executionDuration},
        {QStringLiteral("command"), QJsonObject{{QStringLiteral("id"), outcome->command.id},
                                                {QStringLiteral("name"), outcome->command.name}}},
        {QStringLiteral("device"),
         QJsonObject{{QStringLiteral("id"), outcome->device.id},
                     {QStringLiteral("name"), outcome->device.hostname}}}};
    if (!log.success)
        result.insert(QStringLiteral("error"), log.errorMessage);
    return result;
}

} // namespace Cairn
