#include "CommandLogRepository.h"

#include "db/Database.h"
#include "db/SqlWhere.h"

#include <QJsonDocument>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT id, command_id, command_name, device_id, device_name, user_id, username, "
    "device_username, command_text, output, parsed_output, success, error_message, "
    "execution_time, execution_duration, created_at FROM toolkit_command_logs");

CommandLog logFrom(const QSqlQuery &query)
{
    CommandLog log;
    log.id = query.value(0).toLongLong();
    log.commandId = SqlQuery::optionalId(query.value(1));
    log.commandName = query.value(2).toString();
    log.deviceId = SqlQuery::optionalId(query.value(3));
    log.deviceName = query.value(4).toString();
    log.userId = SqlQuery::optionalId(query.value(5));
    log.username = query.value(6).toString();
    log.deviceUsername = query.value(7).toString();
    log.commandText = query.value(8).toString();
    log.output = query.value(9).toString();
    if (!query.value(10).isNull())
        log.parsedOutput = QJsonDocument::fromJson(query.value(10).toString().toUtf8()).object();
    log.success = query.value(11).toBool();
    log.errorMessage = query.value(12).toString();
    log.executionTime = query.value(13).toLongLong();
    log.executionDuration = query.value(14).toDouble();
    log.createdAt = query.value(15).toLongLong();
    return log;
}

SqlWhere whereOf(const CommandLogFilter &filter, const QSqlDatabase &db)
{
    SqlWhere where(db);
    if (filter.userId)
        where.add(QStringLiteral("user_id = ?"), {*filter.userId});
    if (filter.commandId)
        where.add(QStringLiteral("command_id = ?"), {*filter.commandId});
    if (!filter.deviceIds.isEmpty())
        where.addIn(QStringLiteral("device_id"), filter.deviceIds);
    if (!filter.username.isEmpty())
        where.add(QStringLiteral("username = ?"), {filter.username});
    if (filter.success)
        where.add(QStringLiteral("success = ?"), {*filter.success});
    if (filter.after)
        where.add(QStringLiteral("execution_time >= ?"), {*filter.after});
    if (filter.before)
        where.add(QStringLiteral("execution_time <= ?"), {*filter.before});
    if (!filter.search.isEmpty()) {
        const QString like = SqlQuery::containing(filter.search);
        where.add(QStringLiteral("(LOWER(command_name) LIKE ? ESCAPE '\\' OR LOWER(device_name) "
                                 "LIKE ? ESCAPE '\\' OR LOWER(output) LIKE ? ESCAPE '\\' OR "
                                 "LOWER(error_message) LIKE ? ESCAPE '\\')"),
                  {like, like, like, like});
    }
    if (!filter.deviceNameContains.isEmpty()) {
        where.add(QStringLiteral("LOWER(device_name) LIKE ? ESCAPE '\\'"),
                  {SqlQuery::containing(filter.deviceNameContains)});
    }
    if (filter.afterId)
        where.add(QStringLiteral("id > ?"), {*filter.afterId});
    if (filter.upToId)
        where.add(QStringLiteral("id <= ?"), {*filter.upToId});
    if (!filter.commandNameContains.isEmpty()) {
        where.add(QStringLiteral("LOWER(command_name) LIKE ? ESCAPE '\\'"),
                  {SqlQuery::containing(filter.commandNameContains)});
    }
    return where;
}

QString orderOf(const QStringList &ordering)
{
    static const QHash<QString, QString> columns{
        {QStringLiteral("id"), QStringLiteral("id")},
        {QStringLiteral("execution_time"), QStringLiteral("execution_time")},
        {QStringLiteral("execution_duration"), QStringLiteral("execution_duration")},
        {QStringLiteral("success"), QStringLiteral("success")},
        {QStringLiteral("username"), QStringLiteral("username")},
        {QStringLiteral("device"), QStringLiteral("device_name")},
        {QStringLiteral("command"), QStringLiteral("command_name")}};
    return SqlQuery::orderBy(ordering, columns, QStringLiteral("execution_time DESC, id DESC"));
}

} // namespace

Result<qint64> CommandLogRepository::insert(const CommandLog &log)
{
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO toolkit_command_logs (command_id, command_name, device_id, "
                       "device_name, user_id, username, device_username, command_text, output, "
                       "parsed_output, success, error_message, execution_time, "
                       "execution_duration, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?) RETURNING id"),
        {SqlQuery::nullable(log.commandId), log.commandName, SqlQuery::nullable(log.deviceId),
         log.deviceName, SqlQuery::nullable(log.userId), log.username, log.deviceUsername,
         log.commandText, log.output,
         log.parsedOutput ? QVariant(QString::fromUtf8(
                                QJsonDocument(*log.parsedOutput).toJson(QJsonDocument::Compact)))
                          : QVariant(QMetaType::fromType<QString>()),
         log.success, log.errorMessage, log.executionTime, log.executionDuration, log.createdAt});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<CommandLog> CommandLogRepository::find(qint64 id)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), Columns + QStringLiteral(" WHERE id = ?"), {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No such command log."));
    return logFrom(query.value());
}

Result<QList<CommandLog>> CommandLogRepository::list(const CommandLogFilter &filter)
{
    Result<QSqlQuery> query =
        whereOf(filter, m_database.connection())
            .page(Columns, orderOf(filter.ordering), filter.limit, filter.offset);
    if (!query)
        return query.error();
    QList<CommandLog> logs;
    while (query->next())
        logs << logFrom(query.value());
    return logs;
}

Result<qint64> CommandLogRepository::count(const CommandLogFilter &filter)
{
    return whereOf(filter, m_database.connection()).count(QStringLiteral("toolkit_command_logs"));
}

namespace {

const QString From = QStringLiteral(" FROM toolkit_command_logs");
const QString Succeeded = QStringLiteral("CASE WHEN success THEN 1 ELSE 0 END");

// The ten most frequent values of `column` (with how often), most frequent first.
Result<QList<QPair<QString, qint64>>> topTen(const SqlWhere &where, const QString &column)
{
    Result<QSqlQuery> query = where.run(
        QStringLiteral("SELECT ") + column + QStringLiteral(", COUNT(*)") + From,
        QStringLiteral(" GROUP BY ") + column + QStringLiteral(" ORDER BY COUNT(*) DESC, ") +
            column + QStringLiteral(" LIMIT 10"));
    if (!query)
        return query.error();
    QList<QPair<QString, qint64>> rows;
    while (query->next())
        rows.append({query->value(0).toString(), query->value(1).toLongLong()});
    return rows;
}

// The duration at nearest rank `percent` of `count` logs.
Result<double> durationPercentile(const SqlWhere &where, qint64 count, int percent)
{
    Result<QSqlQuery> query =
        where.run(QStringLiteral("SELECT execution_duration") + From,
                  QStringLiteral(" ORDER BY execution_duration LIMIT 1 OFFSET ?"), {},
                  {qMax<qint64>(0, (count * percent + 99) / 100 - 1)});
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toDouble() : 0.0;
}

} // namespace

Result<CommandLogStatistics> CommandLogRepository::statistics(const CommandLogFilter &filter,
                                                              qint64 dayStartMs)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    CommandLogStatistics statistics;
    {
        Result<QSqlQuery> totals = where.run(
            QStringLiteral("SELECT COUNT(*), SUM(") + Succeeded +
                QStringLiteral("), SUM(CASE WHEN execution_time >= ? THEN 1 ELSE 0 END), "
                               "SUM(CASE WHEN execution_time >= ? AND success THEN 1 ELSE 0 "
                               "END), AVG(execution_duration), MAX(execution_duration)") +
                From,
            {}, {dayStartMs, dayStartMs});
        if (!totals)
            return totals.error();
        if (!totals->next())
            return Error::internal(QStringLiteral("The log totals returned no row."));
        statistics.total = totals->value(0).toLongLong();
        statistics.successful = totals->value(1).toLongLong();
        statistics.last24hTotal = totals->value(2).toLongLong();
        statistics.last24hSuccessful = totals->value(3).toLongLong();
        statistics.averageDuration = totals->value(4).toDouble();
        statistics.maxDuration = totals->value(5).toDouble();
    }
    Result<QList<QPair<QString, qint64>>> commands = topTen(where, QStringLiteral("command_name"));
    if (!commands)
        return commands.error();
    statistics.topCommands = std::move(commands).value();
    SqlWhere failed = where;
    failed.add(QStringLiteral("error_message <> ''"));
    Result<QList<QPair<QString, qint64>>> errors = topTen(failed, QStringLiteral("error_message"));
    if (!errors)
        return errors.error();
    statistics.commonErrors = std::move(errors).value();
    Result<QSqlQuery> devices = where.run(
        QStringLiteral("SELECT device_name, COUNT(*), SUM(") + Succeeded +
            QStringLiteral("), AVG(execution_duration)") + From,
        QStringLiteral(" GROUP BY device_name ORDER BY COUNT(*) DESC, device_name LIMIT 10"));
    if (!devices)
        return devices.error();
    while (devices->next()) {
        statistics.perDevice.append({devices->value(0).toString(), devices->value(1).toLongLong(),
                                     devices->value(2).toLongLong(), devices->value(3).toDouble()});
    }
    for (const auto &[percent, target] :
         {std::pair{50, &statistics.p50Duration}, std::pair{90, &statistics.p90Duration},
          std::pair{99, &statistics.p99Duration}}) {
        const Result<double> duration = durationPercentile(where, statistics.total, percent);
        if (!duration)
            return duration.error();
        *target = duration.value();
    }
    return statistics;
}

Result<qint64> CommandLogRepository::lastId()
{
    const Result<QVariant> id =
        SqlQuery::scalar(m_database.connection(),
                         QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM toolkit_command_logs"));
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<int> CommandLogRepository::successesSince(qint64 deviceId, qint64 sinceMs)
{
    const Result<QVariant> count = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM toolkit_command_logs WHERE device_id = ? AND "
                       "success = ? AND execution_time >= ?"),
        {deviceId, true, sinceMs});
    if (!count)
        return count.error();
    return count->toInt();
}

} // namespace Cairn
