#pragma once

#include "Job.h"
#include "Result.h"

#include <QList>

namespace Cairn {

class Database;

class JobRepository
{
public:
    explicit JobRepository(Database &database)
        : m_database(database)
    {
    }

    // A queued job, run by the node `nodeId` (none: a process that is not a cluster node).
    Result<Job> insert(const QString &kind, const QJsonObject &params,
                       std::optional<qint64> ownerId, std::optional<qint64> nodeId);
    // A job any server node may run (JobManager::share): queued with no node, and in the queue
    // with its `work`, together.
    Result<Job> insertShared(const QString &kind, const QJsonObject &params,
                             std::optional<qint64> ownerId, const QJsonObject &work);
    struct Claimed
    {
        Job job;
        QJsonObject work;
    };
    // Up to `limit` queued jobs of `kinds`, oldest first, taken off the queue as node `nodeId`'s
    // (running there from now on). Rows another node is claiming are skipped, not waited for.
    Result<QList<Claimed>> claim(qint64 nodeId, const QStringList &kinds, int limit);
    // Claimed jobs put back in the queue, no node's again (claimed as this node stopped).
    Result<void> release(const QList<Claimed> &claimed);
    // A job still waiting in the queue taken off it and ended cancelled; false when no node
    // can take it any more (it was claimed, or was never shared).
    Result<bool> cancelQueued(qint64 id);
    Result<std::optional<Job>> find(qint64 id);
    // Newest first; only `ownerId`'s jobs when given.
    Result<QList<Job>> list(std::optional<qint64> ownerId, int limit, int offset);
    Result<qint64> count(std::optional<qint64> ownerId);
    // False when the job is no longer queued (interrupted meanwhile by the node that found
    // this one dead): it must not run.
    Result<bool> markRunning(qint64 id);
    Result<void> setProgress(qint64 id, int progress);
    // Ends a queued or running job; one already ended (interrupted by the node that found its
    // node dead) keeps how it ended.
    // False when it had ended already.
    Result<bool> finish(qint64 id, JobState state, const QJsonObject &result, const QString &error);
    // What an ended job's result and error say, replaced (after a recovery cleaned up).
    Result<void> setOutcome(qint64 id, const QJsonObject &result, const QString &error);
    // Every job of node `nodeId` (none: of no node, leaving out those waiting in the queue for a
    // node to claim them) still queued or running, oldest first.
    Result<QList<Job>> unfinished(std::optional<qint64> nodeId);

private:
    Result<QList<Claimed>> claimOnPostgres(qint64 nodeId, const QStringList &kinds, int limit);
    Result<QList<Claimed>> claimOnSqlite(qint64 nodeId, const QStringList &kinds, int limit);
    // Jobs of `rest` (a fixed WHERE/ORDER clause with placeholders) bound to `values`.
    Result<QList<Job>> select(const QString &rest, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
