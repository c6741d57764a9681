#pragma once

#include "CommandLogExport.h"
#include "CommandLogRepository.h"
#include "auth/Identity.h"

#include <memory>

namespace Cairn {

// The execution history. Output can hold anything a device printed, so operators see their
// own executions and superusers everyone's.
class CommandLogService
{
public:
    explicit CommandLogService(Database &database)
        : m_database(database)
        , m_logs(database)
    {
    }

    Result<QList<CommandLog>> list(const Identity &caller, CommandLogFilter filter);
    Result<qint64> count(const Identity &caller, CommandLogFilter filter);
    Result<CommandLog> get(const Identity &caller, qint64 id);
    Result<CommandLogStatistics> statistics(const Identity &caller, CommandLogFilter filter);
    // The logs `caller` may see under `filter`, to be written out (its paging is ignored).
    std::unique_ptr<CommandLogExport> exportOf(const Identity &caller, CommandLogFilter filter,
                                               CommandLogExport::Format format);

private:
    static void limitToCaller(const Identity &caller, CommandLogFilter &filter);

    Database &m_database;
    CommandLogRepository m_logs;
};

} // namespace Cairn
