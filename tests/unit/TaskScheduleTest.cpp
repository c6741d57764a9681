// When eNMS tasks run, at fixed instants: the seed's date format, periods counted from the
// start, one-shot tasks, end dates, missed runs and the refusals a user sees.
#include "automation/TaskSchedule.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace Cairn;

namespace {

const QTimeZone Berlin(QByteArrayLiteral("Europe/Berlin"));

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

QString iso(const std::optional<QDateTime> &time)
{
    return time ? time->toUTC().toString(Qt::ISODate) : QStringLiteral("none");
}

TaskSchedule schedule(const QJsonObject &fields, const char *now)
{
    const Result<TaskSchedule> read = TaskSchedule::fromFields(fields, utc(now), Berlin);
    EXPECT_TRUE(read.ok()) << (read ? "" : read.error().message.toStdString());
    return read ? read.value() : TaskSchedule();
}

QJsonObject refusal(const QJsonObject &fields, const char *now)
{
    const Result<TaskSchedule> read = TaskSchedule::fromFields(fields, utc(now), Berlin);
    EXPECT_FALSE(read.ok());
    return read ? QJsonObject() : read.error().fields;
}

} // namespace

TEST(TaskScheduleTest, TheSeedsDateIsTheSchedulersWallClockTime)
{
    // 13 August 2019 10:16:50 in Berlin (CEST) is 08:16:50 UTC: a one-shot task runs then.
    const TaskSchedule once =
        schedule({{QStringLiteral("start_date"), QStringLiteral("13/08/2019 10:16:50")}},
                 "2019-08-13T08:00:00Z");
    EXPECT_TRUE(once.isOneShot());
    EXPECT_EQ(iso(once.nextAfter(utc("2019-08-13T08:00:00Z"))),
              QStringLiteral("2019-08-13T08:16:50Z"));
    EXPECT_EQ(iso(once.nextAfter(utc("2019-08-13T08:16:50Z"))), QStringLiteral("none"))
        << "it ran: nothing more";
    const TaskSchedule isoDate =
        schedule({{QStringLiteral("start_date"), QStringLiteral("2019-08-13T10:16:50+02:00")}},
                 "2019-08-13T08:00:00Z");
    EXPECT_EQ(iso(isoDate.nextAfter(utc("2019-08-13T08:00:00Z"))),
              QStringLiteral("2019-08-13T08:16:50Z"));
}

TEST(TaskScheduleTest, PeriodsCountFromTheStartAndMissedRunsAreNotMadeUp)
{
    const TaskSchedule every =
        schedule({{QStringLiteral("start_date"), QStringLiteral("05/12/2026 12:00:00")},
                  {QStringLiteral("frequency"), 2},
                  {QStringLiteral("frequency_unit"), QStringLiteral("minutes")},
                  {QStringLiteral("end_date"), QStringLiteral("05/12/2026 13:00:00")}},
                 "2026-12-05T10:00:00Z");
    EXPECT_EQ(iso(every.nextAfter(utc("2026-12-05T10:30:00Z"))),
              QStringLiteral("2026-12-05T11:00:00Z"));
    // A run that finished late does not shift the next.
    EXPECT_EQ(iso(every.nextAfter(utc("2026-12-05T11:00:40Z"))),
              QStringLiteral("2026-12-05T11:02:00Z"));
    // Down from 11:03 to 11:31: the next run is the next one due, not the fourteen missed.
    EXPECT_EQ(iso(every.nextAfter(utc("2026-12-05T11:31:00Z"))),
              QStringLiteral("2026-12-05T11:32:00Z"));
    EXPECT_EQ(iso(every.nextAfter(utc("2026-12-05T12:00:00Z"))), QStringLiteral("none"))
        << "the end date has come";

    // A saved task's schedule rebuilt later keeps its start, though it has passed.
    const Result<TaskSchedule> rebuilt = TaskSchedule::fromFields(
        {{QStringLiteral("start_date"), QStringLiteral("05/12/2026 12:00:00")},
         {QStringLiteral("frequency"), 2},
         {QStringLiteral("frequency_unit"), QStringLiteral("minutes")}},
        utc("2026-12-05T11:31:00Z"), Berlin, TaskSchedule::PastStart::Taken);
    ASSERT_TRUE(rebuilt.ok());
    EXPECT_EQ(iso(rebuilt->firstRun(utc("2026-12-05T11:31:00Z"))),
              QStringLiteral("2026-12-05T11:32:00Z"));

    // No start date: a one-shot task runs at once, a periodic one a period from now.
    const TaskSchedule now = schedule({}, "2026-12-05T10:00:00Z");
    EXPECT_EQ(iso(now.firstRun(utc("2026-12-05T10:00:00Z"))),
              QStringLiteral("2026-12-05T10:00:00Z"));
    EXPECT_EQ(iso(now.nextAfter(utc("2026-12-05T10:00:00Z"))), QStringLiteral("none"));
    const TaskSchedule soon =
        schedule({{QStringLiteral("frequency"), QStringLiteral("30")},
                  {QStringLiteral("frequency_unit"), QStringLiteral("seconds")}},
                 "2026-12-05T10:00:00Z");
    EXPECT_EQ(iso(soon.nextAfter(utc("2026-12-05T10:00:00Z"))),
              QStringLiteral("2026-12-05T10:00:30Z"));
}

TEST(TaskScheduleTest, CronTasksFollowTheirExpressionInTheSchedulersZone)
{
    const TaskSchedule nightly =
        schedule({{QStringLiteral("scheduling_mode"), QStringLiteral("cron")},
                  {QStringLiteral("crontab_expression"), QStringLiteral("30 2 * * *")}},
                 "2026-03-28T12:00:00Z");
    EXPECT_FALSE(nightly.isOneShot());
    EXPECT_EQ(iso(nightly.nextAfter(utc("2026-03-28T12:00:00Z"))),
              QStringLiteral("2026-03-29T01:00:00Z"))
        << "02:30 is skipped that night: it runs at the change";
}

TEST(TaskScheduleTest, BadSchedulesAreRefusedNamingTheField)
{
    EXPECT_EQ(refusal({{QStringLiteral("start_date"), QStringLiteral("01/01/2020 00:00:00")}},
                      "2026-12-05T10:00:00Z")
                  .value(QStringLiteral("start_date")),
              QStringLiteral("Cannot schedule in the past."));
    EXPECT_TRUE(refusal({{QStringLiteral("start_date"), QStringLiteral("2026-13-45")}},
                        "2026-12-05T10:00:00Z")
                    .contains(QStringLiteral("start_date")));
    EXPECT_TRUE(refusal({{QStringLiteral("frequency"), -5}}, "2026-12-05T10:00:00Z")
                    .contains(QStringLiteral("frequency")));
    for (const double huge : {1e300, 400.0 * 86400})
        EXPECT_TRUE(refusal({{QStringLiteral("frequency"), huge}}, "2026-12-05T10:00:00Z")
                        .contains(QStringLiteral("frequency")));
    EXPECT_TRUE(refusal({{QStringLiteral("frequency"), 2},
                         {QStringLiteral("frequency_unit"), QStringLiteral("days")},
                         {QStringLiteral("start_date"), QStringLiteral("06/12/2026 10:00:00")},
                         {QStringLiteral("end_date"), QStringLiteral("05/12/2026 23:00:00")}},
                        "2026-12-05T10:00:00Z")
                    .contains(QStringLiteral("end_date")));
    EXPECT_TRUE(refusal({{QStringLiteral("frequency"), 5},
                         {QStringLiteral("frequency_unit"), QStringLiteral("weeks")}},
                        "2026-12-05T10:00:00Z")
                    .contains(QStringLiteral("frequency_unit")));
    EXPECT_TRUE(refusal({{QStringLiteral("start_date"), QStringLiteral("06/12/2026 10:00:00")},
                         {QStringLiteral("end_date"), QStringLiteral("06/12/2026 09:00:00")}},
                        "2026-12-05T10:00:00Z")
                    .contains(QStringLiteral("end_date")));
    EXPECT_TRUE(refusal({{QStringLiteral("scheduling_mode"), QStringLiteral("cron")},
                         {QStringLiteral("crontab_expression"), QStringLiteral("0 0 31 2 *")}},
                        "2026-12-05T10:00:00Z")
                    .contains(QStringLiteral("crontab_expression")));
    EXPECT_TRUE(refusal({{QStringLiteral("scheduling_mode"), QStringLiteral("hourly")}},
                        "2026-12-05T10:00:00Z")
                    .contains(QStringLiteral("scheduling_mode")));
}
