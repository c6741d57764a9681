#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

// A node as the server knows it: its facts, what it matched and how far it got.
struct ZtpNodeRecord
{
    qint64 id = 0;
    QString nodeId;
    QString serialNumber;
    QString systemMac;
    QString model;
    QString version;
    std::optional<qint64> deviceId;
    QString pattern;
    QString definition;
    // registered, definition_sent, configured or refused
    QString status;
    int actionsTotal = 0;
    int actionsFetched = 0;
    QString lastAddress;
    QString lastError;
    qint64 registeredAt = 0;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
};

} // namespace Cairn
