#pragma once

#include "CommandLogRepository.h"

#include <QByteArray>
#include <optional>

namespace Cairn {

// The command logs a filter selects, written out piece by piece in id order, so an export of
// any size streams without being held in memory. It covers the logs as they were when it
// began: executions logged meanwhile are not in it, and the JSON count stays true.
// CSV: ID, Command, Device, User, Success, Created, Execution Time, Error Message, Duration (s).
// JSON: {"count": N, "results": [log, ...]} with each log as the API shows it.
class CommandLogExport
{
public:
    enum class Format
    {
        Csv,
        Json,
    };

    CommandLogExport(Database &database, CommandLogFilter filter, Format format);

    // The next piece; nothing once the export is complete.
    Result<std::optional<QByteArray>> next();

private:
    Result<QByteArray> opening();
    QByteArray rowOf(const CommandLog &log) const;

    CommandLogRepository m_logs;
    CommandLogFilter m_filter;
    Format m_format;
    bool m_started = false;
    bool m_finished = false;
    bool m_firstRow = true;
};

} // namespace Cairn
