#include "ToolkitFixture.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

using namespace Cairn::Test;

// bulk-execute: many executions as one job, concurrent within a bound, on emulated devices.
class ToolkitBulkApiTest : public ToolkitFixture
{
protected:
    static constexpr int SlowSeconds = 2;

    static void SetUpTestSuite()
    {
        if (!SshDevice::unavailableReason().isEmpty())
            return;
        s_router = std::make_unique<SshDevice>(QStringLiteral("cisco_ios"), QStringLiteral("bulk"),
                                               SlowSeconds);
        // One port per inventory device: a device's sessions are pooled (two at most) by address.
        const QStringList hostnames{QStringLiteral("bulk-1"),  QStringLiteral("bulk-2"),
                                    QStringLiteral("bulk-3"),  QStringLiteral("bulk-4"),
                                    QStringLiteral("limited"), QStringLiteral("crash-1")};
        s_router->setPortCount(int(hostnames.size()));
        QString error;
        ASSERT_TRUE(s_router->start(&error)) << error.toStdString();
        s_dir = std::make_unique<QTemporaryDir>();
        startServer(serverArguments());
        for (int i = 0; i < hostnames.size(); ++i)
            s_devices << addDevices({hostnames[i]}, s_router->ports().at(i)).value(0);
        s_commands = addCommands(R"([
            {"name": "Show version", "command": "show version", "platforms": ["cisco_ios"]},
            {"name": "Bogus", "command": "show bogus", "platforms": ["cisco_ios"]},
            {"name": "Slow", "command": "show tech-support", "platforms": ["cisco_ios"]}])");
        ASSERT_EQ(s_commands.size(), 3);
        s_token = credentialTokenOf(s_adminToken, "lab");
        ASSERT_FALSE(s_token.isEmpty());
    }

    static void TearDownTestSuite()
    {
        stopServer();
        s_router.reset();
    }

    static QStringList serverArguments()
    {
        return {QStringLiteral("--config"), writeConfig("[toolkit]\nbulk_concurrency=4\n")};
    }

    static QJsonObject execution(const QString &command, int device)
    {
        return {{QStringLiteral("command_id"), s_commands.value(command)},
                {QStringLiteral("device_id"), device},
                {QStringLiteral("credential_token"), QString::fromUtf8(s_token)}};
    }

    static HttpReply bulk(const QJsonArray &executions, bool async = false)
    {
        const QJsonObject body{{QStringLiteral("executions"), executions},
                               {QStringLiteral("async"), async}};
        return admin("POST", "/api/plugins/toolkit/commands/bulk-execute/",
                     QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    // Polls the job until `done` holds of it (or 30 s have passed); the job as last seen.
    template <typename Predicate> static QJsonObject waitForJob(int jobId, Predicate done)
    {
        QJsonObject job;
        for (int i = 0; i < 300; ++i) {
            job = admin("GET", "/api/jobs/" + QByteArray::number(jobId) + "/").json().toObject();
            if (done(job))
                break;
            QThread::msleep(100);
        }
        return job;
    }

    static inline std::unique_ptr<SshDevice> s_router;
    static inline QList<int> s_devices;
    static inline QHash<QString, int> s_commands;
    static inline QByteArray s_token;
};

TEST_F(ToolkitBulkApiTest, ReportsEveryExecutionInItsPlace)
{
    const int device = s_devices[0];
    QJsonObject unknownCommand = execution(QStringLiteral("Show version"), device);
    unknownCommand.insert(QStringLiteral("command_id"), 999999);
    QJsonObject noDevice = execution(QStringLiteral("Show version"), device);
    noDevice.remove(QStringLiteral("device_id"));
    QJsonObject wrongToken = execution(QStringLiteral("Show version"), s_devices[1]);
    wrongToken.insert(QStringLiteral("credential_token"), QStringLiteral("not-a-token"));
    const HttpReply reply = bulk({execution(QStringLiteral("Show version"), device),
                                  execution(QStringLiteral("Show version"), s_devices[1]),
                                  execution(QStringLiteral("Bogus"), device), unknownCommand,
                                  noDevice, wrongToken, QStringLiteral("not an object")});
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    const QJsonArray results = reply.json()[QStringLiteral("results")].toArray();
    ASSERT_EQ(results.size(), 7);
    for (int i = 0; i < results.size(); ++i)
        EXPECT_EQ(results[i][QStringLiteral("execution_id")].toInt(), i + 1);
    EXPECT_TRUE(results[0][QStringLiteral("success")].toBool()) << results[0];
    EXPECT_TRUE(results[1][QStringLiteral("success")].toBool()) << results[1];
    EXPECT_GT(results[0][QStringLiteral("execution_time")].toDouble(), 0.0);
    // Reached the device, which refused it: logged, and the failure says why.
    EXPECT_FALSE(results[2][QStringLiteral("success")].toBool());
    EXPECT_GT(results[2][QStringLiteral("command_log_id")].toInt(), 0);
    EXPECT_FALSE(results[2][QStringLiteral("error")].toString().isEmpty());
    // Refused before the device: error and details, no log.
    for (int i = 3; i < 7; ++i) {
        EXPECT_FALSE(results[i][QStringLiteral("success")].toBool()) << i;
        EXPECT_FALSE(results[i][QStringLiteral("error")].toString().isEmpty()) << i;
        EXPECT_FALSE(results[i].toObject().contains(QStringLiteral("command_log_id"))) << i;
    }
    EXPECT_TRUE(
        results[4][QStringLiteral("details")].toObject().contains(QStringLiteral("device_id")));
    EXPECT_TRUE(results[5][QStringLiteral("details")].toObject().contains(
        QStringLiteral("credential_token")));
    const QJsonObject summary = reply.json()[QStringLiteral("summary")].toObject();
    EXPECT_EQ(summary[QStringLiteral("total")].toInt(), 7);
    EXPECT_EQ(summary[QStringLiteral("successful")].toInt(), 2);
    EXPECT_EQ(summary[QStringLiteral("failed")].toInt(), 5);

    const HttpReply log = admin(
        "GET", "/api/plugins/toolkit/command-logs/" +
                   QByteArray::number(results[0][QStringLiteral("command_log_id")].toInt()) + "/");
    EXPECT_TRUE(
        log.json()[QStringLiteral("output")].toString().startsWith(QLatin1String("Cisco IOS")));
    const int jobId = reply.json()[QStringLiteral("job_id")].toInt();
    const HttpReply job = admin("GET", "/api/jobs/" + QByteArray::number(jobId) + "/");
    ASSERT_EQ(job.status, 200);
    EXPECT_EQ(job.json()[QStringLiteral("kind")].toString(),
              QStringLiteral("toolkit.bulk_execute"));
    // Some executions failed: the job says so, with the counts, rather than "succeeded".
    EXPECT_EQ(job.json()[QStringLiteral("state")].toString(), QStringLiteral("partial"));
    EXPECT_EQ(job.json()[QStringLiteral("error")].toString(),
              QStringLiteral("5 of 7 items failed."));
    EXPECT_EQ(reply.json()[QStringLiteral("job_state")].toString(), QStringLiteral("partial"));
    EXPECT_EQ(job.json()[QStringLiteral("progress")].toInt(), 100);
    EXPECT_FALSE(job.body.contains(s_token)) << "credential tokens are never stored";
    EXPECT_EQ(
        client()
            .get("/api/jobs/" + QByteArray::number(jobId) + "/", HttpClient::token(s_aliceToken))
            .status,
        404)
        << "another operator's job";
}

TEST_F(ToolkitBulkApiTest, AJobWhoseExecutionsAllFailedHasFailed)
{
    const HttpReply reply = bulk({execution(QStringLiteral("Bogus"), s_devices[0]),
                                  execution(QStringLiteral("Bogus"), s_devices[1])});
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    EXPECT_EQ(reply.json()[QStringLiteral("job_state")].toString(), QStringLiteral("failed"));
    const HttpReply job =
        admin("GET", "/api/jobs/" +
                         QByteArray::number(reply.json()[QStringLiteral("job_id")].toInt()) + "/");
    EXPECT_EQ(job.json()[QStringLiteral("state")].toString(), QStringLiteral("failed"));
    EXPECT_EQ(job.json()[QStringLiteral("error")].toString(),
              QStringLiteral("2 of 2 items failed."));
    EXPECT_EQ(
        job.json()[QStringLiteral("result")][QStringLiteral("summary")][QStringLiteral("failed")]
            .toInt(),
        2)
        << "the results are kept";
    EXPECT_EQ(admin("GET", "/api/jobs/?state=failed").status, 400)
        << "jobs are paged in SQL and refuse filters rather than answer unfiltered";
}

TEST_F(ToolkitBulkApiTest, NothingToRunIsABadRequest)
{
    const QByteArray path = "/api/plugins/toolkit/commands/bulk-execute/";
    const int jobsBefore =
        admin("GET", "/api/jobs/?limit=1").json()[QStringLiteral("count")].toInt();
    for (const QByteArray &body : {QByteArray("{}"), QByteArray(R"({"executions": []})"),
                                   QByteArray(R"({"executions": {"a": 1}})")}) {
        const HttpReply reply = admin("POST", path, body);
        EXPECT_EQ(reply.status, 400) << body.constData();
        EXPECT_TRUE(reply.json().toObject().contains(QStringLiteral("executions")))
            << reply.body.constData();
    }
    QJsonArray tooMany;
    for (int i = 0; i < 1001; ++i)
        tooMany.append(execution(QStringLiteral("Show version"), s_devices[0]));
    const HttpReply reply = bulk(tooMany);
    EXPECT_EQ(reply.status, 400);
    EXPECT_TRUE(reply.json().toObject().contains(QStringLiteral("executions")));
    EXPECT_EQ(admin("GET", "/api/jobs/?limit=1").json()[QStringLiteral("count")].toInt(),
              jobsBefore)
        << "no job was made";
}

// A misspelt name is refused, naming it, before anything runs: run without it, the execution
// would do something else than asked (another timeout, no variables).
TEST_F(ToolkitBulkApiTest, UnknownFieldsAreRefusedBeforeAnythingRuns)
{
    const int jobsBefore =
        admin("GET", "/api/jobs/?limit=1").json()[QStringLiteral("count")].toInt();
    QJsonObject misspelt = execution(QStringLiteral("Show version"), s_devices[0]);
    misspelt.insert(QStringLiteral("timeuot"), 60);
    const HttpReply item =
        bulk({execution(QStringLiteral("Show version"), s_devices[0]), misspelt});
    EXPECT_EQ(item.status, 400);
    EXPECT_TRUE(item.json().toObject().contains(QStringLiteral("executions[1].timeuot")))
        << item.body.constData();
    const HttpReply top =
        admin("POST", "/api/plugins/toolkit/commands/bulk-execute/",
              QJsonDocument(
                  QJsonObject{{QStringLiteral("executions"),
                               QJsonArray{execution(QStringLiteral("Show version"), s_devices[0])}},
                              {QStringLiteral("asynch"), true}})
                  .toJson());
    EXPECT_EQ(top.status, 400);
    EXPECT_TRUE(top.json().toObject().contains(QStringLiteral("asynch"))) << top.body.constData();
    EXPECT_EQ(admin("GET", "/api/jobs/?limit=1").json()[QStringLiteral("count")].toInt(),
              jobsBefore);
}

TEST_F(ToolkitBulkApiTest, RunsConcurrentlyWithinItsBound)
{
    // Eight slow commands (2 s each) on four devices, four at a time: two rounds.
    QJsonArray executions;
    for (int i = 0; i < 8; ++i)
        executions.append(execution(QStringLiteral("Slow"), s_devices[i % 4]));
    QElapsedTimer clock;
    clock.start();
    const HttpReply reply = bulk(executions);
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    EXPECT_EQ(reply.json()[QStringLiteral("summary")][QStringLiteral("successful")].toInt(), 8)
        << reply.body.constData();
    EXPECT_GE(clock.elapsed(), 2 * SlowSeconds * 1000 - 100) << "at most four at once";
    EXPECT_LT(clock.elapsed(), 3 * SlowSeconds * 1000 + 1500) << "four at once, not one by one";
}

TEST_F(ToolkitBulkApiTest, TheRateLimitHoldsAcrossConcurrentExecutions)
{
    QJsonArray executions;
    for (int i = 0; i < 12; ++i)
        executions.append(execution(QStringLiteral("Show version"), s_devices[4]));
    const HttpReply reply = bulk(executions);
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    EXPECT_EQ(reply.json()[QStringLiteral("summary")][QStringLiteral("successful")].toInt(), 10);
    int limited = 0;
    for (const QJsonValue result : reply.json()[QStringLiteral("results")].toArray()) {
        if (result[QStringLiteral("error")].toString() == QLatin1String("Rate limit exceeded")) {
            ++limited;
            EXPECT_EQ(result[QStringLiteral("details")][QStringLiteral("limit")].toInt(), 10);
        }
    }
    EXPECT_EQ(limited, 2);
}

TEST_F(ToolkitBulkApiTest, AsyncAnswersAtOnceWithTheJob)
{
    QElapsedTimer clock;
    clock.start();
    const HttpReply reply = bulk({execution(QStringLiteral("Slow"), s_devices[1]),
                                  execution(QStringLiteral("Show version"), s_devices[1])},
                                 true);
    ASSERT_EQ(reply.status, 202) << reply.body.constData();
    EXPECT_LT(clock.elapsed(), SlowSeconds * 1000);
    const QString url = reply.json()[QStringLiteral("url")].toString();
    EXPECT_EQ(url,
              QStringLiteral("/api/jobs/%1/").arg(reply.json()[QStringLiteral("job_id")].toInt()));
    const QJsonObject job =
        waitForJob(reply.json()[QStringLiteral("job_id")].toInt(), [](const QJsonObject &seen) {
            return seen[QStringLiteral("state")].toString() == QLatin1String("succeeded");
        });
    EXPECT_EQ(job[QStringLiteral("state")].toString(), QStringLiteral("succeeded"));
    EXPECT_EQ(job[QStringLiteral("result")][QStringLiteral("summary")][QStringLiteral("successful")]
                  .toInt(),
              2)
        << job;
    // Nothing is left to cancel: said so, not answered as if it were stopped.
    const HttpReply late = admin("POST", url.toUtf8() + "cancel/");
    EXPECT_EQ(late.status, 409) << late.body.constData();
    EXPECT_TRUE(late.body.contains("succeeded")) << late.body.constData();
}

TEST_F(ToolkitBulkApiTest, StatisticsAndExportsCoverTheHistory)
{
    const QByteArray base = "/api/plugins/toolkit/command-logs/";
    const QJsonObject limited =
        admin("GET", base + "statistics/?device_id=" + QByteArray::number(s_devices[4]))
            .json()
            .toObject();
    EXPECT_EQ(limited[QStringLiteral("total_logs")].toInt(), 10) << limited;
    EXPECT_DOUBLE_EQ(limited[QStringLiteral("success_rate")].toDouble(), 100.0);
    EXPECT_EQ(limited[QStringLiteral("per_device")][0][QStringLiteral("device_name")].toString(),
              QStringLiteral("limited"));

    const HttpReply statistics = admin("GET", base + "statistics/");
    ASSERT_EQ(statistics.status, 200) << statistics.body.constData();
    const int total = statistics.json()[QStringLiteral("total_logs")].toInt();
    EXPECT_GT(total, 20);
    EXPECT_EQ(statistics.json()[QStringLiteral("last_24h")][QStringLiteral("total")].toInt(),
              total);
    EXPECT_EQ(
        statistics.json()[QStringLiteral("common_errors")][0][QStringLiteral("error")].toString(),
        QStringLiteral("The device reported: invalid_input"));

    const HttpReply json = admin("GET", base + "export/?format=json");
    ASSERT_EQ(json.status, 200) << json.body.left(300).constData();
    EXPECT_EQ(json.header("transfer-encoding"), "chunked");
    EXPECT_EQ(json.json()[QStringLiteral("count")].toInt(), total);
    EXPECT_EQ(json.json()[QStringLiteral("results")].toArray().size(), total);
    const HttpReply csv =
        admin("GET", base + "export/?format=csv&start_date=2020-01-01&end_date=" +
                         QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toLatin1());
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.header("content-type").startsWith("text/csv"));
    EXPECT_TRUE(csv.header("content-disposition").startsWith("attachment;"));
    EXPECT_EQ(csv.body.count('\n'), total + 1) << "a header and a line per log";
    EXPECT_EQ(admin("GET", base + "export/?format=json&start_date=2999-01-01")
                  .json()[QStringLiteral("results")]
                  .toArray()
                  .size(),
              0);

    const HttpReply badDate = admin("GET", base + "export/?start_date=2026-13-01");
    EXPECT_EQ(badDate.status, 400);
    EXPECT_TRUE(
        badDate.json()[QStringLiteral("details")].toObject().contains(QStringLiteral("start_date")))
        << badDate.body.constData();
    const HttpReply badFormat = admin("GET", base + "export/?format=xml");
    EXPECT_EQ(badFormat.status, 400);
    EXPECT_TRUE(
        badFormat.json()[QStringLiteral("details")].toObject().contains(QStringLiteral("format")));
    const HttpReply alices =
        client().get(base + "export/?format=json", HttpClient::token(s_aliceToken));
    EXPECT_EQ(alices.json()[QStringLiteral("count")].toInt(), 0) << "only their own logs";
}

// Last: it kills the suite's server (and starts it again on the same data).
TEST_F(ToolkitBulkApiTest, KillingTheServerKeepsFinishedLogsAndInterruptsTheJob)
{
    // Four at once: the two quick ones finish while the slow ones still run.
    QJsonArray executions{execution(QStringLiteral("Show version"), s_devices[5]),
                          execution(QStringLiteral("Show version"), s_devices[5])};
    for (int i = 0; i < 6; ++i)
        executions.append(execution(QStringLiteral("Slow"), s_devices[i % 4]));
    const HttpReply started = bulk(executions, true);
    ASSERT_EQ(started.status, 202) << started.body.constData();
    const int jobId = started.json()[QStringLiteral("job_id")].toInt();
    const QJsonObject running = waitForJob(jobId, [](const QJsonObject &seen) {
        return seen[QStringLiteral("progress")].toInt() >= 25;
    });
    ASSERT_EQ(running[QStringLiteral("state")].toString(), QStringLiteral("running")) << running;
    s_server->kill();
    ASSERT_TRUE(s_server->start(serverArguments())) << qPrintable(s_server->log());

    const QJsonObject job =
        admin("GET", "/api/jobs/" + QByteArray::number(jobId) + "/").json().toObject();
    EXPECT_EQ(job[QStringLiteral("state")].toString(), QStringLiteral("interrupted")) << job;
    const QJsonObject logs = admin("GET", "/api/plugins/toolkit/command-logs/?device_id=" +
                                              QByteArray::number(s_devices[5]))
                                 .json()
                                 .toObject();
    ASSERT_EQ(logs[QStringLiteral("count")].toInt(), 2) << logs;
    for (const QJsonValue log : logs[QStringLiteral("results")].toArray()) {
        EXPECT_TRUE(log[QStringLiteral("success")].toBool());
        EXPECT_TRUE(log[QStringLiteral("output")].toString().contains(QLatin1String("uptime")))
            << "the output is whole";
    }
}
