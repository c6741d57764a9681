#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

// What one service gave on one device in a run (or once, for all its devices: no device).
// `result` is as eNMS shows it: {success, result (the output or the error), duration, ...}.
struct ServiceResult
{
    qint64 id = 0;
    qint64 runId = 0;
    std::optional<qint64> serviceId;
    QString serviceName;
    std::optional<qint64> deviceId;
    QString deviceName;
    bool success = false;
    QJsonObject result;
    qint64 durationMs = 0;
    qint64 createdAt = 0;
    // The workflow the step ran in; empty outside workflows.
    QString workflowName;

    QJsonObject toJson() const;
};

} // namespace Cairn
