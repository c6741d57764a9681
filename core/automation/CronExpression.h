#pragma once

#include "Result.h"

#include <QDateTime>
#include <QTimeZone>
#include <bitset>

namespace Cairn {

// A crontab(5) schedule, as eNMS tasks take it: minute, hour, day of month, month and day of
// week, each `*`, a number, a range (`1-5`), a step (`*/15`, `0-30/10`, `5/15`) or a list of
// those (`1,15`); months and days may be named (jan, mon); 0 and 7 are Sunday. The macros
// @hourly, @daily (@midnight), @weekly, @monthly and @yearly (@annually) stand for their five
// fields. As in cron, a day matches when the day of month or the day of week does if both are
// restricted, else when the restricted one does.
//
// Times are wall-clock times in a time zone. A time the clock skips (spring forward) runs at
// the change; a time the clock shows twice (fall back) runs once, the first time.
class CronExpression
{
public:
    // The expression, or a 400 on `field` naming the part that is wrong ("the hour (part 2 of
    // 5) …") and schedules that never happen (30 February).
    static Result<CronExpression> parse(const QString &text, const QString &field);

    // The first time after `after` (strictly) whose wall-clock time in `zone` matches.
    QDateTime nextAfter(const QDateTime &after, const QTimeZone &zone) const;
    const QString &text() const { return m_text; }

private:
    bool dayMatches(const QDate &date) const;
    // The instants (UTC seconds) at which `zone`'s clock shows `wallClock`: one, two when the
    // clock goes back over it, or none when it skips it.
    static QList<qint64> instantsShowing(const QDateTime &wallClock, const QTimeZone &zone);
    // When the clock jumps over `wallClock` (UTC seconds); `wallClock` must be skipped.
    static qint64 jumpOver(const QDateTime &wallClock, const QTimeZone &zone);

    QString m_text;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days;    // 1..31
    std::bitset<13> m_months;  // 1..12
    std::bitset<7> m_weekdays; // 0 (Sunday) ..6
    bool m_anyDay = true;      // the day of month field starts with `*`
    bool m_anyWeekday = true;  // the day of week field starts with `*`
};

} // namespace Cairn
