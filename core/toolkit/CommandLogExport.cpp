#include "CommandLogExport.h"

#include "JsonTime.h"

#include <QJsonDocument>

namespace Cairn {

namespace {

constexpr int RowsPerPiece = 500;

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') &&
        !bytes.contains('\r'))
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

QString isoText(qint64 milliseconds)
{
    return isoTimestamp(milliseconds).toString();
}

} // namespace

CommandLogExport::CommandLogExport(Database &database, CommandLogFilter filter, Format format)
    : m_logs(database)
    , m_filter(std::move(filter))
    , m_format(format)
{
    m_filter.ordering = {QStringLiteral("id")};
    m_filter.limit = RowsPerPiece;
    m_filter.offset = 0;
}

Result<QByteArray> CommandLogExport::opening()
{
    const Result<qint64> last = m_logs.lastId();
    if (!last)
        return last.error();
    m_filter.upToId = last.value();
    if (m_format == Format::Csv)
        return QByteArrayLiteral("ID,Command,Device,User,Success,Created,Execution Time,"
                                 "Error Message,Duration (s)\r\n");
    const Result<qint64> count = m_logs.count(m_filter);
    if (!count)
        return count.error();
    return QByteArray("{\"count\":" + QByteArray::number(count.value()) + ",\"results\":[");
}

QByteArray CommandLogExport::rowOf(const CommandLog &log) const
{
    if (m_format == Format::Json)
        return QJsonDocument(log.toJson()).toJson(QJsonDocument::Compact);
    return QByteArray::number(log.id) + ',' + csvField(log.commandName) + ',' +
           csvField(log.deviceName) + ',' + csvField(log.username) + ',' +
           (log.success ? "true" : "false") + ',' + csvField(isoText(log.createdAt)) + ',' +
           csvField(isoText(log.executionTime)) + ',' + csvField(log.errorMessage) + ',' +
           QByteArray::number(log.executionDuration, 'f', 3) + "\r\n";
}

Result<std::optional<QByteArray>> CommandLogExport::next()
{
    if (m_finished)
        return std::optional<QByteArray>();
    if (!m_started) {
        m_started = true;
        Result<QByteArray> head = opening();
        if (!head)
            return head.error();
        return std::optional<QByteArray>(std::move(head).value());
    }
    const Result<QList<CommandLog>> logs = m_logs.list(m_filter);
    if (!logs)
        return logs.error();
    if (logs->isEmpty()) {
        m_finished = true;
        return std::optional<QByteArray>(m_format == Format::Json ? QByteArray("]}")
                                                                  : QByteArray());
    }
    QByteArray piece;
    for (const CommandLog &log : logs.value()) {
        if (m_format == Format::Json && !std::exchange(m_firstRow, false))
            piece += ',';
        piece += rowOf(log);
    }
    m_filter.afterId = logs->constLast().id;
    return std::optional<QByteArray>(std::move(piece));
}

} // namespace Cairn
