#include "CoreFixture.h"
#include "CoreServices.h"

#include <QMutex>
#include <QTemporaryDir>
#include <QThread>
#include <atomic>
#include <gtest/gtest.h>

using namespace Cairn;

class JobManagerTest : public Cairn::Test::CoreFixture
{
protected:
    Job waitFor(qint64 id, JobState state)
    {
        for (int i = 0; i < 500; ++i) {
            const Result<Job> job = core->jobs().job(id);
            if (job.ok() && job->state == state)
                return job.value();
            QThread::msleep(10);
        }
        ADD_FAILURE() << "job " << id << " never reached " << qPrintable(jobStateName(state));
        return {};
    }
};

TEST_F(JobManagerTest, RunsJobsAndRecordsResultsAndProgress)
{
    std::atomic_int changes = 0;
    QObject::connect(&core->jobs(), &JobManager::jobChanged, [&changes](qint64) { ++changes; });
    core->jobs().registerKind(
        QStringLiteral("sum"), [](JobContext &context) -> Result<QJsonObject> {
            context.setProgress(50);
            return QJsonObject{
                {QStringLiteral("sum"), context.params().value(QStringLiteral("a")).toInt() + 2}};
        });
    core->jobs().registerKind(QStringLiteral("broken"), [](JobContext &) -> Result<QJsonObject> {
        return Error::badRequest(QStringLiteral("device unreachable"));
    });
    const Result<Job> sum = core->jobs().submit(QStringLiteral("sum"), {{QStringLiteral("a"), 40}});
    ASSERT_TRUE(sum.ok());
    const Job done = waitFor(sum->id, JobState::Succeeded);
    EXPECT_EQ(done.result.value(QStringLiteral("sum")).toInt(), 42);
    EXPECT_EQ(done.progress, 100);
    EXPECT_TRUE(done.startedAt && done.finishedAt);

    const Result<Job> broken = core->jobs().submit(QStringLiteral("broken"), {});
    EXPECT_EQ(waitFor(broken->id, JobState::Failed).error, QStringLiteral("device unreachable"));
    EXPECT_GE(changes.load(), 4);

    const Result<Job> unknown = core->jobs().submit(QStringLiteral("nope"), {});
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().fields.contains(QStringLiteral("kind")));
}

TEST_F(JobManagerTest, CancelsRunningAndQueuedJobs)
{
    std::atomic_bool started = false;
    core->jobs().registerKind(QStringLiteral("wait"),
                              [&started](JobContext &context) -> Result<QJsonObject> {
                                  started = true;
                                  while (!context.isCancelled())
                                      QThread::msleep(5);
                                  return Error::badRequest(QStringLiteral("stopped on request"));
                              });
    // Two workers: the third job waits in the queue.
    const qint64 first = core->jobs().submit(QStringLiteral("wait"), {})->id;
    const qint64 second = core->jobs().submit(QStringLiteral("wait"), {})->id;
    const qint64 queued = core->jobs().submit(QStringLiteral("wait"), {})->id;
    waitFor(first, JobState::Running);
    ASSERT_TRUE(core->jobs().cancel(queued).ok());
    ASSERT_TRUE(core->jobs().cancel(first).ok());
    ASSERT_TRUE(core->jobs().cancel(second).ok());
    waitFor(first, JobState::Cancelled);
    waitFor(second, JobState::Cancelled);
    const Job never = waitFor(queued, JobState::Cancelled);
    EXPECT_FALSE(never.startedAt.has_value());
}

TEST_F(JobManagerTest, ACancelEitherStopsAJobBeforeItFinishesOrIsRefusedAsTooLate)
{
    // Each job waits for the test's word, then claims to finish (an import about to commit).
    std::atomic_int go = 0;
    std::atomic_int claimed = 0;
    core->jobs().registerKind(QStringLiteral("commit"),
                              [&go, &claimed](JobContext &context) -> Result<QJsonObject> {
                                  while (go.load() == 0 && !context.isCancelled())
                                      QThread::msleep(2);
                                  const bool finishing = context.progress().claimFinish();
                                  ++claimed;
                                  if (!finishing)
                                      return Progress::stopped();
                                  // Past the claim, a cancel must not turn what it did into
                                  // "cancelled".
                                  while (go.load() < 2)
                                      QThread::msleep(2);
                                  return QJsonObject{{QStringLiteral("committed"), true}};
                              });
    const qint64 stopped = core->jobs().submit(QStringLiteral("commit"), {})->id;
    waitFor(stopped, JobState::Running);
    ASSERT_TRUE(core->jobs().cancel(stopped).ok());
    EXPECT_FALSE(
        waitFor(stopped, JobState::Cancelled).result.contains(QStringLiteral("committed")));

    const qint64 finishing = core->jobs().submit(QStringLiteral("commit"), {})->id;
    waitFor(finishing, JobState::Running);
    go = 1;
    while (claimed.load() < 2)
        QThread::msleep(2);
    const Result<Job> refused = core->jobs().cancel(finishing);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    go = 2;
    EXPECT_EQ(waitFor(finishing, JobState::Succeeded).result.value(QStringLiteral("committed")),
              true);
}

TEST_F(JobManagerTest, MarksUnfinishedJobsInterruptedAtStart)
{
    JobRepository &repository = core->jobs().repository();
    const Job running =
        repository.insert(QStringLiteral("wait"), {}, std::nullopt, std::nullopt).value();
    ASSERT_TRUE(repository.markRunning(running.id).ok());
    const Job queued =
        repository.insert(QStringLiteral("wait"), {}, std::nullopt, std::nullopt).value();
    const Job finished =
        repository.insert(QStringLiteral("wait"), {}, std::nullopt, std::nullopt).value();
    ASSERT_TRUE(repository.finish(finished.id, JobState::Succeeded, {}, {}).ok());

    EXPECT_EQ(core->jobs().recoverAfterCrash().value(), 2);
    EXPECT_EQ(core->jobs().job(running.id)->state, JobState::Interrupted);
    EXPECT_EQ(core->jobs().job(queued.id)->state, JobState::Interrupted);
    EXPECT_EQ(core->jobs().job(finished.id)->state, JobState::Succeeded);
}

TEST_F(JobManagerTest, JobsOfOneLaneRunOneAtATimeInOrder)
{
    std::atomic_bool release = false;
    QList<int> order;
    QMutex orderMutex;
    const auto step = [&](int n) {
        return [&, n](JobContext &) -> Result<QJsonObject> {
            while (n == 1 && !release.load())
                QThread::msleep(5);
            const QMutexLocker lock(&orderMutex);
            order << n;
            return QJsonObject{};
        };
    };
    const QString lane = QStringLiteral("machine-a");
    const Result<Job> first =
        core->jobs().submitInLane(lane, QStringLiteral("step"), {}, {}, step(1));
    const Result<Job> second =
        core->jobs().submitInLane(lane, QStringLiteral("step"), {}, {}, step(2));
    const Result<Job> third =
        core->jobs().submitInLane(lane, QStringLiteral("step"), {}, {}, step(3));
    const Result<Job> other = core->jobs().submitInLane(QStringLiteral("machine-b"),
                                                        QStringLiteral("step"), {}, {}, step(4));
    ASSERT_TRUE(first.ok() && second.ok() && third.ok() && other.ok());
    // Another lane does not wait; this one's later jobs stay queued behind the first.
    waitFor(other->id, JobState::Succeeded);
    waitFor(first->id, JobState::Running);
    EXPECT_EQ(core->jobs().job(second->id)->state, JobState::Queued);
    EXPECT_TRUE(core->jobs().isLaneBusy(lane));

    // Cancelling a waiting job ends it at once, without its turn coming.
    EXPECT_EQ(core->jobs().cancel(third->id)->state, JobState::Cancelled);
    release = true;
    waitFor(second->id, JobState::Succeeded);
    EXPECT_EQ(order, (QList<int>{4, 1, 2}));
    EXPECT_EQ(core->jobs().job(third->id)->startedAt, std::nullopt);
    for (int i = 0; i < 100 && core->jobs().isLaneBusy(lane); ++i)
        QThread::msleep(10);
    EXPECT_FALSE(core->jobs().isLaneBusy(lane));
}

TEST_F(JobManagerTest, AFailedJobKeepsTheKindOfItsError)
{
    const Result<Job> refused = core->jobs().submit(
        QStringLiteral("refuse"), {}, {}, [](JobContext &) -> Result<QJsonObject> {
            return Error::conflict(QStringLiteral("machine is locked"));
        });
    ASSERT_TRUE(refused.ok());
    const Job failed = waitFor(refused->id, JobState::Failed);
    EXPECT_EQ(Error::codeFromName(failed.result.value(QStringLiteral("error_code")).toString()),
              ErrorCode::Conflict);
    EXPECT_EQ(failed.error, QStringLiteral("machine is locked"));
}
