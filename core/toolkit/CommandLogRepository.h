#pragma once

#include "CommandLog.h"
#include "CommandLogStatistics.h"
#include "Result.h"

#include <QStringList>

namespace Cairn {

class Database;

struct CommandLogFilter
{
    std::optional<qint64> userId;
    std::optional<qint64> commandId;
    QList<qint64> deviceIds;
    QString username;
    std::optional<bool> success;
    std::optional<qint64> after;
    std::optional<qint64> before;
    // Case-insensitive substrings: of command name, device name, output or error (q).
    QString search;
    QString deviceNameContains;
    QString commandNameContains;
    // Id bounds: an export walks the logs by id, up to the last one when it began.
    std::optional<qint64> afterId;
    std::optional<qint64> upToId;
    QStringList ordering;
    int limit = 50;
    int offset = 0;
};

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
    Result<QList<CommandLog>> list(const CommandLogFilter &filter);
    Result<qint64> count(const CommandLogFilter &filter);
    // The newest log's id (0 when there is none).
    Result<qint64> lastId();
    // Over the logs the filter selects (not its paging); "last 24 h" counts from `dayStartMs`.
    Result<CommandLogStatistics> statistics(const CommandLogFilter &filter, qint64 dayStartMs);
    // Successful executions on a device since `sinceMs` (what the rate limit counts).
    Result<int> successesSince(qint64 deviceId, qint64 sinceMs);

private:
    Database &m_database;
};

} // namespace Cairn
