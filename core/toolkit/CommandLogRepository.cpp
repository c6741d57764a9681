#include "CommandLogRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QJsonDocument>

namespace Cairn {

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
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, command_id, command_name, device_id, device_name, user_id, "
                       "username, device_username, command_text, output, parsed_output, success, "
                       "error_message, execution_time, execution_duration, created_at FROM "
                       "toolkit_command_logs WHERE id = ?"),
        {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No such command log."));
    CommandLog log;
    log.id = query->value(0).toLongLong();
    log.commandId = SqlQuery::optionalId(query->value(1));
    log.commandName = query->value(2).toString();
    log.deviceId = SqlQuery::optionalId(query->value(3));
    log.deviceName = query->value(4).toString();
    log.userId = SqlQuery::optionalId(query->value(5));
    log.username = query->value(6).toString();
    log.deviceUsername = query->value(7).toString();
    log.commandText = query->value(8).toString();
    log.output = query->value(9).toString();
    if (!query->value(10).isNull())
        log.parsedOutput = QJsonDocument::fromJson(query->value(10).toString().toUtf8()).object();
    log.success = query->value(11).toBool();
    log.errorMessage = query->value(12).toString();
    log.executionTime = query->value(13).toLongLong();
    log.executionDuration = query->value(14).toDouble();
    log.createdAt = query->value(15).toLongLong();
    return log;
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
