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

    Result<Job> insert(const QString &kind, const QJsonObject &params,
                       std::optional<qint64> ownerId);
    Result<std::optional<Job>> find(qint64 id);
    // Newest first; only `ownerId`'s jobs when given.
    Result<QList<Job>> list(std::optional<qint64> ownerId, int limit, int offset);
    Result<qint64> count(std::optional<qint64> ownerId);
    Result<void> markRunning(qint64 id);
    Result<void> setProgress(qint64 id, int progress);
    Result<void> finish(qint64 id, JobState state, const QJsonObject &result, const QString &error);
    // Every job still queued or running, oldest first.
    Result<QList<Job>> unfinished();

private:
    // Jobs of `rest` (a fixed WHERE/ORDER clause with placeholders) bound to `values`.
    Result<QList<Job>> select(const QString &rest, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
