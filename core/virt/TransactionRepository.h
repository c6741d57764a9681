#pragma once

#include "Result.h"
#include "VirtTransaction.h"
#include "jobs/JobRepository.h"

#include <optional>

namespace Cairn {

class Database;

// Transactions in SQL: the uuid the API gives out, over the job that does the work.
class TransactionRepository
{
public:
    explicit TransactionRepository(Database &database)
        : m_database(database)
        , m_jobs(database)
    {
    }

    Result<void> insert(const QString &uuid, qint64 jobId, const QString &machineUuid,
                        const QString &action);
    // NotFound naming the uuid.
    Result<VirtTransaction> byUuid(const QString &uuid);
    // Newest first: `ownerId`'s, or every one; `limit` from `offset`.
    Result<QList<VirtTransaction>> list(std::optional<qint64> ownerId, int limit, int offset);
    Result<qint64> count(std::optional<qint64> ownerId);
    // The machine's oldest transaction still queued or running, if any.
    Result<std::optional<VirtTransaction>> unfinishedOf(const QString &machineUuid);

private:
    Database &m_database;
    JobRepository m_jobs;
};

} // namespace Cairn
