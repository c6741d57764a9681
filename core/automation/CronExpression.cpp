#include "CronExpression.h"

#include <QRegularExpression>
#include <QStringList>

namespace Cairn {

namespace {

// A whole Gregorian cycle (400 years): every day of month, month and weekday combination
// that ever happens happens in it (1 February on a Monday can be eleven years away).
constexpr int SearchDays = 146097;
constexpr qint64 SecondsPerDay = 24 * 60 * 60;
constexpr int MaxLength = 256;

struct Part
{
    const char *name;
    int minimum;
    int maximum;
    QStringList names; // names[i] stands for minimum + i
};

const Part Parts[5] = {
    {"minute", 0, 59, {}},
    {"hour", 0, 23, {}},
    {"day of month", 1, 31, {}},
    {"month",
     1,
     12,
     {QStringLiteral("jan"), QStringLiteral("feb"), QStringLiteral("mar"), QStringLiteral("apr"),
      QStringLiteral("may"), QStringLiteral("jun"), QStringLiteral("jul"), QStringLiteral("aug"),
      QStringLiteral("sep"), QStringLiteral("oct"), QStringLiteral("nov"), QStringLiteral("dec")}},
    // 7 is Sunday too: read as 0 below.
    {"day of week",
     0,
     7,
     {QStringLiteral("sun"), QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
      QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat")}},
};

const QHash<QString, QString> &macros()
{
    static const QHash<QString, QString> known{
        {QStringLiteral("@hourly"), QStringLiteral("0 * * * *")},
        {QStringLiteral("@daily"), QStringLiteral("0 0 * * *")},
        {QStringLiteral("@midnight"), QStringLiteral("0 0 * * *")},
        {QStringLiteral("@weekly"), QStringLiteral("0 0 * * 0")},
        {QStringLiteral("@monthly"), QStringLiteral("0 0 1 * *")},
        {QStringLiteral("@yearly"), QStringLiteral("0 0 1 1 *")},
        {QStringLiteral("@annually"), QStringLiteral("0 0 1 1 *")},
    };
    return known;
}

class PartReader
{
public:
    PartReader(const Part &part, int index, QString field)
        : m_part(part)
        , m_index(index)
        , m_field(std::move(field))
    {
    }

    // The values the part allows, as bits from its minimum.
    Result<std::bitset<64>> read(const QString &text) const
    {
        std::bitset<64> values;
        for (const QString &item : text.split(QLatin1Char(','))) {
            const Result<void> added = readItem(item, values);
            if (!added)
                return added.error();
        }
        return values;
    }

private:
    Error wrong(const QString &why) const
    {
        return Error::invalidField(m_field, QStringLiteral("The %1 (part %2 of 5) %3")
                                                .arg(QString::fromLatin1(m_part.name))
                                                .arg(m_index + 1)
                                                .arg(why));
    }

    Result<int> value(const QString &text) const
    {
        const qsizetype named = m_part.names.indexOf(text.toLower());
        if (named >= 0)
            return m_part.minimum + int(named);
        bool isNumber = false;
        const int number = text.toInt(&isNumber);
        if (!isNumber || text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1Char('-')))
            return wrong(QStringLiteral("has %1, which is not a number%2.")
                             .arg(text.isEmpty() ? QStringLiteral("an empty item") : text,
                                  m_part.names.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" or a name (%1)")
                                            .arg(m_part.names.join(QLatin1String(", ")))));
        if (number < m_part.minimum || number > m_part.maximum)
            return wrong(QStringLiteral("must be between %1 and %2: %3.")
                             .arg(m_part.minimum)
                             .arg(m_part.maximum)
                             .arg(number));
        return number;
    }

    Result<void> readItem(const QString &item, std::bitset<64> &values) const
    {
        const QStringList stepped = item.split(QLatin1Char('/'));
        if (stepped.size() > 2)
            return wrong(QStringLiteral("has %1: one step at most (*/15).").arg(item));
        int step = 1;
        if (stepped.size() == 2) {
            bool isNumber = false;
            step = stepped[1].toInt(&isNumber);
            if (!isNumber || step < 1 || step > m_part.maximum)
                return wrong(QStringLiteral("has the step %1: give a number from 1 to %2.")
                                 .arg(stepped[1])
                                 .arg(m_part.maximum));
        }
        const QString &range = stepped[0];
        int first = m_part.minimum;
        int last = m_part.maximum;
        if (range != QLatin1String("*")) {
            const QStringList bounds = range.split(QLatin1Char('-'));
            if (bounds.size() > 2)
                return wrong(QStringLiteral("has %1: a range is first-last.").arg(range));
            const Result<int> low = value(bounds[0]);
            if (!low)
                return low.error();
            first = low.value();
            // `5/15` runs from 5 on; a lone `5` is just 5.
            last = stepped.size() == 2 ? m_part.maximum : first;
            if (bounds.size() == 2) {
                const Result<int> high = value(bounds[1]);
                if (!high)
                    return high.error();
                last = high.value();
                if (last < first)
                    return wrong(QStringLiteral("has the range %1, which ends before it starts.")
                                     .arg(range));
            }
        }
        for (int at = first; at <= last; at += step)
            values.set(std::size_t(at - m_part.minimum));
        return {};
    }

    const Part &m_part;
    int m_index;
    QString m_field;
};

template <std::size_t N> std::bitset<N> narrowed(const std::bitset<64> &values, int offset)
{
    std::bitset<N> result;
    for (std::size_t bit = 0; bit + std::size_t(offset) < N; ++bit)
        result[bit + std::size_t(offset)] = values[bit];
    return result;
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString &text, const QString &field)
{
    // Errors quote the part that is wrong: the text is bounded first.
    if (text.size() > MaxLength)
        return Error::invalidField(field, QStringLiteral("At most %1 characters.").arg(MaxLength));
    CronExpression expression;
    expression.m_text = text.simplified();
    const QString expanded = macros().value(expression.m_text.toLower(), expression.m_text);
    const QStringList parts = expanded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 5)
        return Error::invalidField(
            field, QStringLiteral("Give five parts: minute hour day-of-month month day-of-week "
                                  "(e.g. 0 6 * * mon-fri), or @hourly, @daily, @weekly, "
                                  "@monthly, @yearly."));
    std::bitset<64> read[5];
    for (int index = 0; index < 5; ++index) {
        const Result<std::bitset<64>> values =
            PartReader(Parts[index], index, field).read(parts[index]);
        if (!values)
            return values.error();
        read[index] = values.value();
    }
    expression.m_minutes = narrowed<60>(read[0], 0);
    expression.m_hours = narrowed<24>(read[1], 0);
    expression.m_days = narrowed<32>(read[2], 1);
    expression.m_months = narrowed<13>(read[3], 1);
    for (int day = 0; day <= 7; ++day) {
        if (read[4][std::size_t(day)])
            expression.m_weekdays.set(std::size_t(day % 7));
    }
    expression.m_anyDay = parts[2].startsWith(QLatin1Char('*'));
    expression.m_anyWeekday = parts[4].startsWith(QLatin1Char('*'));

    // With the days of week free, the days of month must fall in one of the months.
    if (expression.m_anyWeekday && !expression.m_anyDay) {
        static constexpr int LongestMonth[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool possible = false;
        for (int month = 1; month <= 12 && !possible; ++month) {
            for (int day = 1; day <= LongestMonth[month] && expression.m_months[std::size_t(month)];
                 ++day)
                possible = possible || expression.m_days[std::size_t(day)];
        }
        if (!possible)
            return Error::invalidField(
                field,
                QStringLiteral("No month has those days: %1 never runs.").arg(expression.m_text));
    }
    return expression;
}

bool CronExpression::dayMatches(const QDate &date) const
{
    if (!m_months[std::size_t(date.month())])
        return false;
    const bool day = m_days[std::size_t(date.day())];
    const bool weekday = m_weekdays[std::size_t(date.dayOfWeek() % 7)];
    if (m_anyDay || m_anyWeekday)
        return day && weekday;
    return day || weekday;
}

QList<qint64> CronExpression::instantsShowing(const QDateTime &wallClock, const QTimeZone &zone)
{
    const qint64 local = wallClock.toSecsSinceEpoch();
    QList<qint64> instants;
    for (const qint64 probe : {local - SecondsPerDay, local, local + SecondsPerDay}) {
        const int offset = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(probe, Qt::UTC));
        const qint64 instant = local - offset;
        if (zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(instant, Qt::UTC)) == offset &&
            !instants.contains(instant))
            instants << instant;
    }
    std::sort(instants.begin(), instants.end());
    return instants;
}

qint64 CronExpression::jumpOver(const QDateTime &wallClock, const QTimeZone &zone)
{
    const qint64 local = wallClock.toSecsSinceEpoch();
    const QTimeZone::OffsetDataList changes =
        zone.transitions(QDateTime::fromSecsSinceEpoch(local - 2 * SecondsPerDay, Qt::UTC),
                         QDateTime::fromSecsSinceEpoch(local + 2 * SecondsPerDay, Qt::UTC));
    for (const QTimeZone::OffsetData &change : changes) {
        const qint64 at = change.atUtc.toSecsSinceEpoch();
        const int before = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(at - 1, Qt::UTC));
        if (at + before <= local && local < at + change.offsetFromUtc)
            return at;
    }
    // Not skipped after all (no transition data): read it as standard time.
    return local - zone.standardTimeOffset(wallClock);
}

QDateTime CronExpression::nextAfter(const QDateTime &after, const QTimeZone &zone) const
{
    const qint64 afterSeconds = after.toSecsSinceEpoch();
    // The wall-clock date a day before, so that a time the clock shows twice is not missed.
    const QDate start = after.toTimeZone(zone).date().addDays(-1);
    for (int offset = 0; offset <= SearchDays; ++offset) {
        const QDate date = start.addDays(offset);
        if (!dayMatches(date))
            continue;
        for (int hour = 0; hour < 24; ++hour) {
            if (!m_hours[std::size_t(hour)])
                continue;
            for (int minute = 0; minute < 60; ++minute) {
                if (!m_minutes[std::size_t(minute)])
                    continue;
                const QDateTime wallClock(date, QTime(hour, minute), Qt::UTC);
                const QList<qint64> instants = instantsShowing(wallClock, zone);
                // The first time only, even when the clock shows it again.
                const qint64 instant =
                    instants.isEmpty() ? jumpOver(wallClock, zone) : instants.first();
                if (instant > afterSeconds)
                    return QDateTime::fromSecsSinceEpoch(instant, Qt::UTC);
            }
        }
    }
    return {};
}

} // namespace Cairn
