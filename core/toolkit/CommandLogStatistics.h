#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Cairn {

// What the execution history says at a glance: volume, success, what runs most, what fails
// most, which devices are busiest and how long executions take.
struct CommandLogStatistics
{
    struct DeviceCounts
    {
        QString deviceName;
        qint64 total = 0;
        qint64 successful = 0;
        double averageDuration = 0;
    };

    qint64 total = 0;
    qint64 successful = 0;
    qint64 last24hTotal = 0;
    qint64 last24hSuccessful = 0;
    QList<QPair<QString, qint64>> topCommands;
    QList<QPair<QString, qint64>> commonErrors;
    QList<DeviceCounts> perDevice;
    double averageDuration = 0;
    double maxDuration = 0;
    // Nearest-rank percentiles of execution_duration: 50, 90, 99.
    double p50Duration = 0;
    double p90Duration = 0;
    double p99Duration = 0;

    QJsonObject toJson() const;
};

} // namespace Cairn
