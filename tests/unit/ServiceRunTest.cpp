// Service runs as jobs: how they end when stopped, and what a crash leaves of them.
#include "CoreFixture.h"
#include "automation/AutomationParts.h"
#include "automation/TaskRepository.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSemaphore>
#include <QSet>
#include <QThread>
#include <thread>

using namespace Cairn;
using namespace Cairn::Test;

class ServiceRunTest : public CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        if (!core)
            return;
        admin = addUser(QStringLiteral("admin"), true);
        const QJsonArray devices{
            QJsonObject{{QStringLiteral("hostname"), QStringLiteral("r1")},
                        {QStringLiteral("ip_address"), QStringLiteral("127.0.0.1")}},
            QJsonObject{{QStringLiteral("hostname"), QStringLiteral("r2")},
                        {QStringLiteral("ip_address"), QStringLiteral("127.0.0.1")}}};
        const Result<QList<Device>> created = core->devices().create(admin, devices, 1);
        ASSERT_TRUE(created.ok()) << qPrintable(created.ok() ? QString() : created.error().message);
    }

    // A ping service on r1 and r2 saved through the eNMS core, with `settings` on top.
    void savePing(const QJsonObject &settings)
    {
        AutomationParts parts(*core);
        QJsonObject object{
            {QStringLiteral("name"), QStringLiteral("reach")},
            {QStringLiteral("devices"), QJsonArray{QStringLiteral("r1"), QStringLiteral("r2")}}};
        for (auto it = settings.begin(); it != settings.end(); ++it)
            object.insert(it.key(), it.value());
        const SaveReport saved =
            parts.services.saveServices(admin, QStringLiteral("ping_service"), QJsonArray{object});
        ASSERT_EQ(saved.failure.size(), 0) << QJsonDocument(saved.failure).toJson().constData();
    }

    Result<ServiceRun> start()
    {
        AutomationParts parts(*core);
        return parts.runs.runService(admin, {{QStringLiteral("name"), QStringLiteral("reach")}},
                                     QStringLiteral("REST"));
    }

    // A run asked for, then `meanwhile` in the same transaction: what changes before the run's
    // job starts (once that commits).
    Result<ServiceRun> startThen(const std::function<Result<void>()> &meanwhile)
    {
        Result<ServiceRun> run = Error::internal(QStringLiteral("not started"));
        const Result<void> asked =
            Transaction::run(core->database(), [&](const QSqlDatabase &) -> Result<void> {
                run = start();
                if (!run)
                    return run.error();
                return meanwhile();
            });
        if (!asked)
            return asked.error();
        return run;
    }

    ServiceRun reread(const ServiceRun &run)
    {
        const Result<std::optional<ServiceRun>> found = core->serviceRunner().runs().find(run.id);
        EXPECT_TRUE(found.ok() && found->has_value());
        return found.ok() && found->has_value() ? found->value() : ServiceRun{};
    }

    void reopen()
    {
        const CoreOptions options = core->options();
        core.reset();
        Result<std::unique_ptr<CoreServices>> reopened = CoreServices::open(options);
        ASSERT_TRUE(reopened.ok());
        core = std::move(reopened).value();
    }

    Identity admin;
};

TEST_F(ServiceRunTest, AStoppedRunEndsAbortedWithoutWaitingOutItsRetries)
{
    // Port 1 refuses at once; the next try would be an hour later.
    savePing({{QStringLiteral("ports"), QStringLiteral("1")},
              {QStringLiteral("number_of_retries"), 5},
              {QStringLiteral("time_between_retries"), 3600}});
    const Result<ServiceRun> run = start();
    ASSERT_TRUE(run.ok()) << qPrintable(run.ok() ? QString() : run.error().message);
    QThread::msleep(300);
    ASSERT_TRUE(core->serviceRunner().stop(reread(run.value())).ok());
    const Result<ServiceRun> ended = core->serviceRunner().waitFor(run.value(), 10000);
    ASSERT_TRUE(ended.ok());
    EXPECT_EQ(ended->status, RunStatus::Aborted);
    EXPECT_FALSE(ended->report.value(QLatin1String("success")).toBool());
    // A run that has ended cannot be stopped again.
    EXPECT_EQ(core->serviceRunner().stop(ended.value()).error().code, ErrorCode::Conflict);
}

TEST_F(ServiceRunTest, ACrashLeavesRunsInterruptedWithTheResultsTheyHad)
{
    savePing({});
    RunRepository &runs = core->serviceRunner().runs();
    // What a process killed mid-run leaves: a run without its job yet, and one whose job was
    // running, each with one device's result written.
    ServiceRun orphan;
    orphan.serviceName = QStringLiteral("reach");
    orphan.trigger = QStringLiteral("REST");
    orphan.creator = QStringLiteral("admin");
    orphan.targets = {QStringLiteral("r1"), QStringLiteral("r2")};
    ServiceRun withJob = orphan;
    ASSERT_TRUE(runs.insert(orphan).ok());
    ASSERT_TRUE(runs.insert(withJob).ok());
    const Result<QVariant> job = SqlQuery::scalar(
        core->database().connection(),
        QStringLiteral(
            "INSERT INTO jobs (kind, state, params, created_at) VALUES (?, 'running', ?, "
            "0) RETURNING id"),
        {ServiceRunner::JobKind, QStringLiteral("{\"run_id\": %1}").arg(withJob.id)});
    ASSERT_TRUE(job.ok());
    ASSERT_TRUE(runs.setJob(withJob.id, job->toLongLong()).ok());
    for (const ServiceRun &run : {orphan, withJob}) {
        ServiceResult result;
        result.runId = run.id;
        result.serviceName = run.serviceName;
        result.deviceName = QStringLiteral("r1");
        result.success = true;
        result.result = {{QStringLiteral("success"), true}};
        ASSERT_TRUE(runs.addResult(result).ok());
    }

    reopen();
    EXPECT_EQ(reread(orphan).status, RunStatus::Interrupted);
    EXPECT_EQ(reread(withJob).status, RunStatus::Running);
    ASSERT_TRUE(core->jobs().recoverAfterCrash().ok());
    for (const ServiceRun &run : {orphan, withJob}) {
        const ServiceRun ended = reread(run);
        EXPECT_EQ(ended.status, RunStatus::Interrupted);
        EXPECT_EQ(ended.report[QLatin1String("summary")][QLatin1String("success")].toArray(),
                  QJsonArray{QStringLiteral("r1")});
        EXPECT_EQ(core->serviceRunner().runs().resultsOf(run.id)->size(), 1);
    }
}

TEST_F(ServiceRunTest, ASchedulerBackFromDowntimeRunsEachMissedTaskOnceAndOneShotsOnce)
{
    savePing({});
    const QDateTime start =
        QDateTime::currentDateTime().addSecs(3600).addMSecs(-QTime::currentTime().msec());
    const QString startText = start.toString(QStringLiteral("dd/MM/yyyy HH:mm:ss"));
    AutomationParts parts(*core);
    const SaveReport saved = parts.tasks.saveTasks(
        admin,
        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("minutely")},
                               {QStringLiteral("service"), QStringLiteral("reach")},
                               {QStringLiteral("is_active"), true},
                               {QStringLiteral("start_date"), startText},
                               {QStringLiteral("frequency"), 1},
                               {QStringLiteral("frequency_unit"), QStringLiteral("minutes")}},
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("once")},
                               {QStringLiteral("service"), QStringLiteral("reach")},
                               {QStringLiteral("is_active"), true},
                               {QStringLiteral("start_date"), startText}}});
    ASSERT_EQ(saved.success.size(), 2) << QJsonDocument(saved.failure).toJson().constData();

    // Ten minutes and a bit after the start, as if the server had been down all that time.
    QDateTime now = start.addSecs(600 + 5);
    TaskScheduler scheduler(core->database(), AutomationTasks::zone(), [&] { return now; });
    QStringList fired;
    QMutex firedMutex;
    scheduler.start([&](const QList<Task> &tasks) {
        const QMutexLocker lock(&firedMutex);
        for (const Task &task : tasks)
            fired << task.name;
    });
    EXPECT_EQ(scheduler.fireDue(), 2);
    EXPECT_EQ(scheduler.fireDue(), 0);
    ASSERT_TRUE(scheduler.waitForFired(5000));
    fired.sort();
    EXPECT_EQ(fired, (QStringList{QStringLiteral("minutely"), QStringLiteral("once")}));

    const QJsonObject minutely = parts.tasks.task(QStringLiteral("minutely")).value();
    EXPECT_EQ(minutely[QLatin1String("next_run_time")].toString(),
              start.addSecs(660).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    const QJsonObject once = parts.tasks.task(QStringLiteral("once")).value();
    EXPECT_FALSE(once[QLatin1String("is_active")].toBool());
    EXPECT_TRUE(once[QLatin1String("next_run_time")].isNull());

    // The next minute fires the periodic task alone.
    now = start.addSecs(660);
    EXPECT_EQ(scheduler.fireDue(), 1);
    EXPECT_TRUE(scheduler.waitForFired(5000));

    // Whoever changes a task runs it from then on: never with the rights of who made it.
    const Identity ops = addUser(QStringLiteral("ops"), true);
    ASSERT_EQ(parts.tasks
                  .saveTasks(ops, QJsonArray{QJsonObject{
                                      {QStringLiteral("name"), QStringLiteral("minutely")},
                                      {QStringLiteral("description"), QStringLiteral("mine now")}}})
                  .success.size(),
              1);
    EXPECT_EQ(parts.tasks.task(QStringLiteral("minutely"))->value(QLatin1String("creator")),
              QJsonValue(QStringLiteral("ops")));
}

TEST_F(ServiceRunTest, ABurstOfDueTasksRunsEachOnceAndATaskThatCannotRunStopsNoOther)
{
    savePing({{QStringLiteral("ports"), QStringLiteral("1")}});
    AutomationParts parts(*core);
    const Result<QList<Device>> gone = core->devices().create(
        admin, QJsonArray{QJsonObject{{QStringLiteral("hostname"), QStringLiteral("gone")}}}, 1);
    ASSERT_TRUE(gone.ok());
    const QDateTime start =
        QDateTime::currentDateTime().addSecs(3600).addMSecs(-QTime::currentTime().msec());
    QJsonArray tasks;
    for (int i = 0; i < 120; ++i) {
        tasks.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("tick-%1").arg(i)},
            {QStringLiteral("service"), QStringLiteral("reach")},
            {QStringLiteral("is_active"), true},
            {QStringLiteral("start_date"), start.toString(QStringLiteral("dd/MM/yyyy HH:mm:ss"))},
            {QStringLiteral("frequency"), 1},
            {QStringLiteral("frequency_unit"), QStringLiteral("minutes")}});
    }
    // Its only device deleted: it has nothing to run on.
    QJsonObject stranded = tasks.at(60).toObject();
    stranded.insert(QStringLiteral("name"), QStringLiteral("stranded"));
    stranded.insert(QStringLiteral("devices"), QJsonArray{QStringLiteral("gone")});
    tasks.append(stranded);
    ASSERT_EQ(parts.tasks.saveTasks(admin, tasks).success.size(), 121);
    ASSERT_TRUE(core->devices().remove(admin, {gone->first().id}).ok());

    QDateTime now = start.addSecs(5);
    TaskScheduler scheduler(core->database(), AutomationTasks::zone(), [&] { return now; });
    QMutex firedMutex;
    QList<qsizetype> batches;
    QStringList ran;
    QStringList failed;
    scheduler.start([&](const QList<Task> &due) {
        const QList<Result<ServiceRun>> runs = parts.tasks.fire(due);
        const QMutexLocker lock(&firedMutex);
        batches << due.size();
        for (qsizetype i = 0; i < due.size(); ++i)
            (runs.at(i).ok() ? ran : failed) << due.at(i).name;
    });
    EXPECT_EQ(scheduler.fireDue(), 121);
    ASSERT_TRUE(scheduler.waitForFired(30000));
    // A burst is started a batch at a time, not all in one go nor one by one.
    EXPECT_GT(batches.size(), 1);
    for (const qsizetype size : std::as_const(batches))
        EXPECT_LE(size, 50);
    EXPECT_EQ(ran.size(), 120);
    EXPECT_EQ(QSet<QString>(ran.cbegin(), ran.cend()).size(), 120);
    EXPECT_EQ(failed, QStringList{QStringLiteral("stranded")});
    EXPECT_EQ(scheduler.fireDue(), 0);

    // Each run is recorded with its job, and its task knows it as its last run.
    for (const QString &name : {QStringLiteral("tick-0"), QStringLiteral("tick-119")}) {
        const QString runtime =
            parts.tasks.task(name)->value(QLatin1String("last_runtime")).toString();
        const Result<ServiceRun> run = parts.runs.run(admin, QStringLiteral("reach"), runtime);
        ASSERT_TRUE(run.ok()) << qPrintable(name);
        EXPECT_EQ(run->trigger, QStringLiteral("Scheduler"));
        ASSERT_TRUE(run->jobId.has_value());
        EXPECT_EQ(core->serviceRunner().waitFor(run.value(), 10000)->status, RunStatus::Completed);
    }
    EXPECT_TRUE(parts.tasks.task(QStringLiteral("stranded"))
                    ->value(QLatin1String("last_runtime"))
                    .toString()
                    .isEmpty());
}

// Nodes claiming the same due task at once: the one that comes second skips it at once rather
// than waiting for the first to record its run, and takes nothing it did not claim.
TEST_F(ServiceRunTest, ATaskAnotherSchedulerIsClaimingIsSkippedNotWaitedFor)
{
    if (!Cairn::Test::TestBackend::isPostgres())
        GTEST_SKIP() << "SQLite has one writer at a time";
    savePing({{QStringLiteral("ports"), QStringLiteral("1")}});
    AutomationParts parts(*core);
    const QDateTime start = QDateTime::currentDateTime().addSecs(3600);
    ASSERT_EQ(
        parts.tasks
            .saveTasks(admin, QJsonArray{QJsonObject{
                                  {QStringLiteral("name"), QStringLiteral("tick")},
                                  {QStringLiteral("service"), QStringLiteral("reach")},
                                  {QStringLiteral("is_active"), true},
                                  {QStringLiteral("start_date"),
                                   start.toString(QStringLiteral("dd/MM/yyyy HH:mm:ss"))},
                                  {QStringLiteral("frequency"), 1},
                                  {QStringLiteral("frequency_unit"), QStringLiteral("minutes")}}})
            .success.size(),
        1);
    TaskRepository tasks(core->database());
    const qint64 now = start.addSecs(5).toMSecsSinceEpoch();
    const QList<Task> due = tasks.due(now).value();
    ASSERT_EQ(due.size(), 1);
    const TaskRepository::Claim claim{due.first(), due.first().nextRunTime.value_or(0),
                                      due.first().nextRunTime.value_or(0) + 60000};

    QSemaphore claiming;
    QSemaphore release;
    qsizetype firstClaimed = -1;
    std::thread first([&] {
        Transaction transaction(core->database());
        const Result<QList<Task>> got = tasks.claim({claim}, now);
        firstClaimed = got.ok() ? got->size() : -1;
        claiming.release();
        release.acquire();
        EXPECT_TRUE(transaction.commit().ok());
    });
    claiming.acquire();
    QElapsedTimer waited;
    waited.start();
    const Result<QList<Task>> second = tasks.claim({claim}, now);
    const qint64 waitedMs = waited.elapsed();
    release.release();
    first.join();
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->isEmpty());
    EXPECT_LT(waitedMs, 2000);
    EXPECT_EQ(firstClaimed, 1);
    // Claimed once: the task moved on by one period.
    EXPECT_TRUE(tasks.due(now).value().isEmpty());
}

TEST_F(ServiceRunTest, ARunReadsItsDevicesWhenItStartsAndNamesThoseDeletedSince)
{
    savePing({{QStringLiteral("ports"), QStringLiteral("1")}});
    // Deleted after the run was asked for, before its job starts.
    const Result<ServiceRun> run = startThen([this]() -> Result<void> {
        DeviceFilter filter;
        filter.hostname = QStringLiteral("r2");
        const Result<QList<Device>> r2 = core->devices().list(filter);
        if (!r2 || r2->size() != 1)
            return Error::internal(QStringLiteral("no r2"));
        return core->devices().remove(admin, {r2->constFirst().id});
    });
    ASSERT_TRUE(run.ok()) << qPrintable(run.error().message);
    const Result<ServiceRun> ended = core->serviceRunner().waitFor(run.value(), 10000);
    ASSERT_TRUE(ended.ok());
    EXPECT_EQ(ended->status, RunStatus::Completed);
    EXPECT_EQ(ended->targets, (QStringList{QStringLiteral("r1"), QStringLiteral("r2")}));
    EXPECT_EQ(ended->report.value(QLatin1String("errors")).toArray(),
              QJsonArray{QStringLiteral("Deleted before the run started: r2.")});
    const Result<QList<ServiceResult>> results = core->serviceRunner().runs().resultsOf(run->id);
    ASSERT_TRUE(results.ok());
    ASSERT_EQ(results->size(), 1);
    EXPECT_EQ(results->constFirst().deviceName, QStringLiteral("r1"));
}

TEST_F(ServiceRunTest, ARunWhoseJobIsCancelledBeforeItStartsEndsAborted)
{
    // Port 1 refuses at once; the next try would be an hour later.
    savePing({{QStringLiteral("ports"), QStringLiteral("1")},
              {QStringLiteral("number_of_retries"), 5},
              {QStringLiteral("time_between_retries"), 3600}});
    // Two runs hold both job workers; the third waits for one.
    QList<ServiceRun> runs;
    for (int i = 0; i < 3; ++i) {
        const Result<ServiceRun> run = start();
        ASSERT_TRUE(run.ok()) << qPrintable(run.ok() ? QString() : run.error().message);
        runs << run.value();
    }
    QThread::msleep(300);
    // Cancelled as the jobs panel or /api/jobs/{id}/cancel/ does, not through the run.
    ASSERT_TRUE(core->jobs().cancel(*runs.at(2).jobId).ok());
    for (int i = 0; i < 2; ++i)
        ASSERT_TRUE(core->serviceRunner().stop(reread(runs.at(i))).ok());
    const Result<ServiceRun> third = core->serviceRunner().waitFor(runs.at(2), 10000);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third->status, RunStatus::Aborted);
    EXPECT_EQ(core->serviceRunner().runs().resultsOf(runs.at(2).id)->size(), 0);
}

TEST_F(ServiceRunTest, ARunIsCheckedAgainWhenItStartsAndEndsSayingWhyItMayNoLongerRun)
{
    savePing({{QStringLiteral("ports"), QStringLiteral("1")}});
    // Disabled after the run was asked for, before its job starts.
    const Result<ServiceRun> run = startThen([this]() -> Result<void> {
        savePing(
            {{QStringLiteral("ports"), QStringLiteral("1")}, {QStringLiteral("disabled"), true}});
        return {};
    });
    ASSERT_TRUE(run.ok()) << qPrintable(run.error().message);
    const Result<ServiceRun> ended = core->serviceRunner().waitFor(run.value(), 10000);
    ASSERT_TRUE(ended.ok());
    EXPECT_EQ(ended->status, RunStatus::Completed);
    EXPECT_FALSE(ended->report.value(QLatin1String("success")).toBool());
    EXPECT_EQ(ended->report.value(QLatin1String("errors")).toArray(),
              QJsonArray{QStringLiteral("Service reach is disabled.")});
    EXPECT_EQ(core->serviceRunner().runs().resultsOf(run->id)->size(), 0);
}
