#include "CommandLogService.h"

#include <QDateTime>

namespace Cairn {

void CommandLogService::limitToCaller(const Identity &caller, CommandLogFilter &filter)
{
    if (!caller.user.isSuperuser)
        filter.userId = caller.user.id;
}

Result<QList<CommandLog>> CommandLogService::list(const Identity &caller, CommandLogFilter filter)
{
    limitToCaller(caller, filter);
    return m_logs.list(filter);
}

Result<qint64> CommandLogService::count(const Identity &caller, CommandLogFilter filter)
{
    limitToCaller(caller, filter);
    return m_logs.count(filter);
}

Result<CommandLogStatistics> CommandLogService::statistics(const Identity &caller,
                                                           CommandLogFilter filter)
{
    limitToCaller(caller, filter);
    constexpr qint64 DayMs = 24 * 3600 * 1000;
    return m_logs.statistics(filter, QDateTime::currentMSecsSinceEpoch() - DayMs);
}

std::unique_ptr<CommandLogExport> CommandLogService::exportOf(const Identity &caller,
                                                              CommandLogFilter filter,
                                                              CommandLogExport::Format format)
{
    limitToCaller(caller, filter);
    return std::make_unique<CommandLogExport>(m_database, std::move(filter), format);
}

Result<CommandLog> CommandLogService::get(const Identity &caller, qint64 id)
{
    Result<CommandLog> log = m_logs.find(id);
    if (log && !caller.user.isSuperuser && log->userId != caller.user.id)
        return Error::notFound(QStringLiteral("No such command log."));
    return log;
}

} // namespace Cairn
