#pragma once

#include "CronExpression.h"
#include "Result.h"

#include <QJsonObject>
#include <optional>

namespace Cairn {

// When an eNMS task runs: `standard` (from start_date, every frequency frequency_unit until
// end_date; no frequency: once) or `cron` (crontab_expression until end_date). Dates are read
// as eNMS writes them (DD/MM/YYYY HH:MM:SS, or ISO 8601) in the scheduler's time zone.
class TaskSchedule
{
public:
    // Whether a start_date before now is refused (a task being saved with a new start) or
    // taken (a saved task's schedule rebuilt, its start long passed).
    enum class PastStart
    {
        Refused,
        Taken
    };
    // From a task's fields at `now`: errors name the field; a start date in the past is
    // "Cannot schedule in the past." unless `pastStart` takes it, an end date before the start
    // is refused too.
    static Result<TaskSchedule> fromFields(const QJsonObject &fields, const QDateTime &now,
                                           const QTimeZone &zone,
                                           PastStart pastStart = PastStart::Refused);

    // The first run of a schedule made at `now`: its start (now itself for a one-shot task
    // without a start date), else the next run after now.
    std::optional<QDateTime> firstRun(const QDateTime &now) const;

    // The first run strictly after `after`; none when the schedule is over (a one-shot task
    // that ran, the end date passed). Periods count from the start, so a late run does not
    // shift the later ones, and runs missed while the server was down are not made up one by
    // one: the next is simply the next one due.
    std::optional<QDateTime> nextAfter(const QDateTime &after) const;
    // Whether it runs once only (standard without a frequency).
    bool isOneShot() const { return !m_cron && m_periodSeconds == 0; }

    // "DD/MM/YYYY HH:MM:SS" or ISO 8601 in `zone`; a 400 on `field` otherwise.
    static Result<QDateTime> readDate(const QJsonValue &value, const QString &field,
                                      const QTimeZone &zone);

private:
    QTimeZone m_zone;
    std::optional<CronExpression> m_cron;
    QDateTime m_start;
    std::optional<QDateTime> m_end;
    qint64 m_periodSeconds = 0;
};

} // namespace Cairn
