#pragma once

#include "CommandLog.h"
#include "Result.h"

namespace Cairn {

class Database;

class CommandLogRepository
{
public:
    explicit CommandLogRepository(Database &database)
        : m_database(database)
    {
    }

    // Written in its own statement as soon as the execution ends, so a log survives whatever
    // happens to the rest of a bulk run.
    Result<qint64> insert(const CommandLog &log);
    Result<CommandLog> find(qint64 id);
    // Successful executions on a device since `sinceMs` (what the rate limit counts).
    Result<int> successesSince(qint64 deviceId, qint64 sinceMs);

private:
    Database &m_database;
};

} // namespace Cairn
