#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Cairn {

// An eNMS task: `service` run on its schedule (the eNMS fields in `schedule`: scheduling_mode,
// start_date, end_date, frequency, frequency_unit, crontab_expression) as its creator, on its
// own targets when it names any, else the service's. Whoever saves it last is its creator: a
// task runs with no one's rights but those of who set it up.
struct Task
{
    qint64 id = 0;
    QString name;
    QString description;
    qint64 serviceId = 0;
    std::optional<qint64> creatorId;
    bool isActive = false;
    QJsonObject schedule;
    QJsonObject initialPayload;
    // Milliseconds since the epoch (UTC).
    std::optional<qint64> nextRunTime;
    std::optional<qint64> lastRunTime;
    QString lastRuntime;
    QList<qint64> deviceIds;
    QList<qint64> poolIds;
    // Saved with targets of its own (they may since have been deleted).
    bool targetsGiven = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

} // namespace Cairn
