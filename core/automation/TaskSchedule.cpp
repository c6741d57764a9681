#include "TaskSchedule.h"

#include <QHash>

namespace Cairn {

namespace {

const QString EnmsDateFormat = QStringLiteral("dd/MM/yyyy HH:mm:ss");
// In frequency_unit: 366 days in seconds, the most any unit may count to.
constexpr double MaxFrequency = 366.0 * 86400;

Result<qint64> periodOf(const QJsonObject &fields)
{
    const QJsonValue frequency = fields.value(QStringLiteral("frequency"));
    if (frequency.isUndefined() || frequency.isNull() || frequency == QJsonValue(QString()))
        return qint64(0);
    bool isNumber = frequency.isDouble();
    double count = frequency.toDouble();
    if (frequency.isString())
        count = frequency.toString().toDouble(&isNumber);
    // Bounds first (a year of days at most): converting a huge double is undefined.
    if (!isNumber || !(count >= 0 && count <= MaxFrequency) || count != double(qint64(count)))
        return Error::invalidField(QStringLiteral("frequency"),
                                   QStringLiteral("Give a whole number of frequency_unit."));
    static const QHash<QString, qint64> Units{{QStringLiteral("seconds"), 1},
                                              {QStringLiteral("minutes"), 60},
                                              {QStringLiteral("hours"), 3600},
                                              {QStringLiteral("days"), 86400}};
    const QString unit =
        fields.value(QStringLiteral("frequency_unit")).toString(QStringLiteral("seconds"));
    if (!Units.contains(unit))
        return Error::invalidField(QStringLiteral("frequency_unit"),
                                   QStringLiteral("One of seconds, minutes, hours, days."));
    const qint64 period = qint64(count) * Units.value(unit);
    if (period > qint64(MaxFrequency))
        return Error::invalidField(QStringLiteral("frequency"),
                                   QStringLiteral("At most a year between runs."));
    return period;
}

bool given(const QJsonObject &fields, const QString &name)
{
    const QJsonValue value = fields.value(name);
    return !value.isUndefined() && !value.isNull() && value != QJsonValue(QString());
}

} // namespace

Result<QDateTime> TaskSchedule::readDate(const QJsonValue &value, const QString &field,
                                         const QTimeZone &zone)
{
    const QString text = value.toString().trimmed();
    QDateTime date = QDateTime::fromString(text, EnmsDateFormat);
    if (!date.isValid())
        date = QDateTime::fromString(text, Qt::ISODate);
    if (!value.isString() || !date.isValid())
        return Error::invalidField(
            field, QStringLiteral("Give a date as DD/MM/YYYY HH:MM:SS (13/08/2019 10:16:50)."));
    // A date without its own offset is the scheduler's wall-clock time.
    if (date.timeSpec() == Qt::LocalTime)
        date = QDateTime(date.date(), date.time(), zone);
    return date.toUTC();
}

Result<TaskSchedule> TaskSchedule::fromFields(const QJsonObject &fields, const QDateTime &now,
                                              const QTimeZone &zone, PastStart pastStart)
{
    TaskSchedule schedule;
    schedule.m_zone = zone;
    const QString mode =
        fields.value(QStringLiteral("scheduling_mode")).toString(QStringLiteral("standard"));
    if (mode != QLatin1String("standard") && mode != QLatin1String("cron"))
        return Error::invalidField(QStringLiteral("scheduling_mode"),
                                   QStringLiteral("Either standard or cron."));
    if (given(fields, QStringLiteral("end_date"))) {
        const Result<QDateTime> end =
            readDate(fields.value(QStringLiteral("end_date")), QStringLiteral("end_date"), zone);
        if (!end)
            return end.error();
        schedule.m_end = end.value();
    }
    if (mode == QLatin1String("cron")) {
        const Result<CronExpression> cron =
            CronExpression::parse(fields.value(QStringLiteral("crontab_expression")).toString(),
                                  QStringLiteral("crontab_expression"));
        if (!cron)
            return cron.error();
        schedule.m_cron = cron.value();
        schedule.m_start = now.toUTC();
    } else {
        const Result<qint64> period = periodOf(fields);
        if (!period)
            return period.error();
        schedule.m_periodSeconds = period.value();
        if (given(fields, QStringLiteral("start_date"))) {
            const Result<QDateTime> start = readDate(fields.value(QStringLiteral("start_date")),
                                                     QStringLiteral("start_date"), zone);
            if (!start)
                return start.error();
            if (start.value() < now && pastStart == PastStart::Refused)
                return Error::invalidField(QStringLiteral("start_date"),
                                           QStringLiteral("Cannot schedule in the past."));
            schedule.m_start = start.value();
        } else {
            // No start: a periodic task first runs one period from now, a one-shot at once.
            schedule.m_start = now.toUTC().addSecs(schedule.m_periodSeconds);
        }
    }
    if (schedule.m_end && *schedule.m_end <= schedule.m_start)
        return Error::invalidField(QStringLiteral("end_date"),
                                   QStringLiteral("The end date must come after the start."));
    return schedule;
}

std::optional<QDateTime> TaskSchedule::firstRun(const QDateTime &now) const
{
    if (!m_cron && now <= m_start)
        return m_start;
    return nextAfter(now);
}

std::optional<QDateTime> TaskSchedule::nextAfter(const QDateTime &after) const
{
    QDateTime next;
    if (m_cron) {
        next = m_cron->nextAfter(after, m_zone);
    } else if (after < m_start) {
        next = m_start;
    } else if (m_periodSeconds > 0) {
        const qint64 elapsed = m_start.secsTo(after);
        next = m_start.addSecs((elapsed / m_periodSeconds + 1) * m_periodSeconds);
    }
    if (!next.isValid() || (m_end && next > *m_end))
        return std::nullopt;
    return next;
}

} // namespace Cairn
