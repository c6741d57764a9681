#include "CommandLog.h"

#include "JsonTime.h"

namespace Cairn {

namespace {

QJsonValue reference(std::optional<qint64> id, const QString &name)
{
    return QJsonObject{{QStringLiteral("id"), id ? QJsonValue(*id) : QJsonValue()},
                       {QStringLiteral("name"), name}};
}

} // namespace

QJsonObject CommandLog::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("display"), QStringLiteral("%1 on %2").arg(commandName, deviceName)},
        {QStringLiteral("command"), reference(commandId, commandName)},
        {QStringLiteral("device"), reference(deviceId, deviceName)},
        {QStringLiteral("command_text"), commandText},
        {QStringLiteral("output"), output},
        {QStringLiteral("parsed_output"), parsedOutput ? QJsonValue(*parsedOutput) : QJsonValue()},
        {QStringLiteral("username"), username},
        {QStringLiteral("device_username"), deviceUsername},
        {QStringLiteral("execution_time"), isoTimestamp(executionTime)},
        {QStringLiteral("execution_duration"), executionDuration},
        {QStringLiteral("success"), success},
        {QStringLiteral("error_message"), errorMessage},
        {QStringLiteral("created"), isoTimestamp(createdAt)}};
}

} // namespace Cairn
