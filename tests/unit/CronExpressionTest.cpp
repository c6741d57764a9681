// crontab(5) schedules for eNMS tasks: parts, names, the day rule, month ends and the days the
// clock changes, checked at fixed instants (no waiting on the real clock).
#include "automation/CronExpression.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace Cairn;

namespace {

const QString Field = QStringLiteral("crontab_expression");

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

// The next run after `after`, in UTC, as ISO text.
QString next(const char *expression, const char *after,
             const QTimeZone &zone = QTimeZone(QByteArrayLiteral("UTC")))
{
    const Result<CronExpression> cron =
        CronExpression::parse(QString::fromLatin1(expression), Field);
    EXPECT_TRUE(cron.ok()) << (cron ? "" : cron.error().message.toStdString());
    if (!cron)
        return {};
    return cron->nextAfter(utc(after), zone).toUTC().toString(Qt::ISODate);
}

QString refusal(const char *expression)
{
    const Result<CronExpression> cron =
        CronExpression::parse(QString::fromLatin1(expression), Field);
    EXPECT_FALSE(cron.ok()) << expression;
    if (cron)
        return {};
    EXPECT_TRUE(cron.error().fields.contains(Field));
    return cron.error().fields.value(Field).toString();
}

} // namespace

TEST(CronExpressionTest, APartThatIsWrongIsNamed)
{
    EXPECT_EQ(refusal("61 * * * *"), QStringLiteral("The minute (part 1 of 5) must be between 0 "
                                                    "and 59: 61."));
    EXPECT_TRUE(refusal("* * *").startsWith(QStringLiteral("Give five parts")));
    EXPECT_TRUE(refusal("0 0 * * funday")
                    .startsWith(QStringLiteral("The day of week (part 5 of 5) "
                                               "has funday")));
    EXPECT_TRUE(refusal("*/0 * * * *").contains(QStringLiteral("step 0")));
    EXPECT_TRUE(refusal("0 5-1 * * *").contains(QStringLiteral("ends before it starts")));
    EXPECT_TRUE(refusal("0 0 0 * *").contains(QStringLiteral("between 1 and 31: 0")));
    EXPECT_TRUE(refusal("0 0 30 2 *").contains(QStringLiteral("never runs")));
    EXPECT_TRUE(refusal("0 0 1,,2 * *").contains(QStringLiteral("an empty item")));
    const QByteArray huge = "0 0 " + QByteArray(10000, '1') + " * *";
    EXPECT_EQ(refusal(huge.constData()), QStringLiteral("At most 256 characters."));
}

TEST(CronExpressionTest, MonthEndsAndLeapDays)
{
    EXPECT_EQ(next("0 0 31 * *", "2026-04-15T00:00:00Z"), QStringLiteral("2026-05-31T00:00:00Z"));
    EXPECT_EQ(next("0 9 1 * *", "2026-01-31T10:00:00Z"), QStringLiteral("2026-02-01T09:00:00Z"));
    EXPECT_EQ(next("59 23 * * *", "2026-12-31T23:59:00Z"), QStringLiteral("2027-01-01T23:59:00Z"));
    EXPECT_EQ(next("0 0 29 2 *", "2026-03-01T00:00:00Z"), QStringLiteral("2028-02-29T00:00:00Z"));
    // 1 February on a Monday: eleven years apart after 2027.
    EXPECT_EQ(next("0 0 */31 2 mon", "2027-02-02T00:00:00Z"),
              QStringLiteral("2038-02-01T00:00:00Z"));
    EXPECT_EQ(next("@monthly", "2026-12-05T10:00:00Z"), QStringLiteral("2027-01-01T00:00:00Z"));
}

TEST(CronExpressionTest, StepsRangesListsAndNames)
{
    // Friday evening: the next weekday slot is Monday morning.
    EXPECT_EQ(next("*/15 9-17/4 * * mon-fri", "2026-12-04T17:50:00Z"),
              QStringLiteral("2026-12-07T09:00:00Z"));
    EXPECT_EQ(next("*/15 9-17/4 * * mon-fri", "2026-12-07T09:00:00Z"),
              QStringLiteral("2026-12-07T09:15:00Z"));
    EXPECT_EQ(next("*/15 9-17/4 * * mon-fri", "2026-12-07T09:45:00Z"),
              QStringLiteral("2026-12-07T13:00:00Z"));
    EXPECT_EQ(next("5/20 * * * *", "2026-12-07T09:46:00Z"), QStringLiteral("2026-12-07T10:05:00Z"));
    EXPECT_EQ(next("0 6 1,15 jan,jul *", "2026-12-05T00:00:00Z"),
              QStringLiteral("2027-01-01T06:00:00Z"));
    // 0, 7 and sun are all Sunday; Saturday 5 December 2026 is the day before one.
    for (const char *sunday : {"0 12 * * 0", "0 12 * * 7", "0 12 * * SUN"})
        EXPECT_EQ(next(sunday, "2026-12-05T12:00:00Z"), QStringLiteral("2026-12-06T12:00:00Z"))
            << sunday;
    EXPECT_EQ(next("0 12 * * 6-7", "2026-12-05T12:00:00Z"), QStringLiteral("2026-12-06T12:00:00Z"));
    EXPECT_EQ(next("0 12 * * 6-7", "2026-12-06T12:00:00Z"), QStringLiteral("2026-12-12T12:00:00Z"));
}

// As in cron: with both day fields restricted either may match; with one a `*…`, both must.
TEST(CronExpressionTest, TheDayOfMonthOrTheDayOfWeek)
{
    EXPECT_EQ(next("0 0 13 * fri", "2026-12-05T00:00:00Z"), QStringLiteral("2026-12-11T00:00:00Z"));
    EXPECT_EQ(next("0 0 13 * fri", "2026-12-11T00:00:00Z"), QStringLiteral("2026-12-13T00:00:00Z"));
    EXPECT_EQ(next("0 0 */10 * mon", "2026-12-05T00:00:00Z"),
              QStringLiteral("2026-12-21T00:00:00Z"));
}

TEST(CronExpressionTest, ATimeTheClockSkipsRunsAtTheChangeAndOneItShowsTwiceRunsOnce)
{
    const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
    ASSERT_TRUE(berlin.isValid());
    // 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC); 02:30 does not happen.
    EXPECT_EQ(next("30 2 * * *", "2026-03-28T12:00:00Z", berlin),
              QStringLiteral("2026-03-29T01:00:00Z"));
    EXPECT_EQ(next("30 2 * * *", "2026-03-29T01:00:00Z", berlin),
              QStringLiteral("2026-03-30T00:30:00Z"));
    EXPECT_EQ(next("30 3 * * *", "2026-03-28T12:00:00Z", berlin),
              QStringLiteral("2026-03-29T01:30:00Z"));
    // 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:30 happens twice.
    EXPECT_EQ(next("30 2 * * *", "2026-10-24T12:00:00Z", berlin),
              QStringLiteral("2026-10-25T00:30:00Z"));
    EXPECT_EQ(next("30 2 * * *", "2026-10-25T00:30:00Z", berlin),
              QStringLiteral("2026-10-26T01:30:00Z"));
    EXPECT_EQ(next("0 12 * * *", "2026-10-24T12:00:00Z", berlin),
              QStringLiteral("2026-10-25T11:00:00Z"));

    // 8 March 2026 in New York: 02:00 EST becomes 03:00 EDT (07:00 UTC).
    const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
    ASSERT_TRUE(newYork.isValid());
    EXPECT_EQ(next("0 * * * *", "2026-03-08T06:30:00Z", newYork),
              QStringLiteral("2026-03-08T07:00:00Z"));
    EXPECT_EQ(next("0 * * * *", "2026-03-08T07:00:00Z", newYork),
              QStringLiteral("2026-03-08T08:00:00Z"));
    // Month end and the change together: 31 October, then the last day in EST.
    EXPECT_EQ(next("0 9 1 * *", "2026-10-31T12:00:00Z", newYork),
              QStringLiteral("2026-11-01T14:00:00Z"));
}
