#pragma once

#include "CommandLogRepository.h"
#include "auth/Identity.h"

namespace Cairn {

// The execution history. Output can hold anything a device printed, so operators see their
// own executions and superusers everyone's.
class CommandLogService
{
public:
    explicit CommandLogService(Database &database)
        : m_logs(database)
    {
    }

    Result<QList<CommandLog>> list(const Identity &caller, CommandLogFilter filter);
    Result<qint64> count(const Identity &caller, CommandLogFilter filter);
    Result<CommandLog> get(const Identity &caller, qint64 id);

private:
    static void limitToCaller(const Identity &caller, CommandLogFilter &filter);

    CommandLogRepository m_logs;
};

} // namespace Cairn
