#pragma once

#include <QJsonObject>
#include <optional>

namespace Cairn {

// One execution of a command on a device, kept whatever became of either (names are copied).
struct CommandLog
{
    qint64 id = 0;
    std::optional<qint64> commandId;
    QString commandName;
    std::optional<qint64> deviceId;
    QString deviceName;
    std::optional<qint64> userId;
    QString username;
    QString deviceUsername;
    QString commandText;
    QString output;
    std::optional<QJsonObject> parsedOutput;
    bool success = false;
    QString errorMessage;
    qint64 executionTime = 0;
    double executionDuration = 0;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

} // namespace Cairn
