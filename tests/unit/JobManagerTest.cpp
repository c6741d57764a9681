#include "CoreFixture.h"
#include "CoreServices.h"

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

TEST_F(JobManagerTest, MarksUnfinishedJobsInterruptedAtStart)
{
    JobRepository &repository = core->jobs().repository();
    const Job running = repository.insert(QStringLiteral("wait"), {}, std::nullopt).value();
    ASSERT_TRUE(repository.markRunning(running.id).ok());
    const Job queued = repository.insert(QStringLiteral("wait"), {}, std::nullopt).value();
    const Job finished = repository.insert(QStringLiteral("wait"), {}, std::nullopt).value();
    ASSERT_TRUE(repository.finish(finished.id, JobState::Succeeded, {}, {}).ok());

    EXPECT_EQ(core->jobs().recoverAfterCrash().value(), 2);
    EXPECT_EQ(core->jobs().job(running.id)->state, JobState::Interrupted);
    EXPECT_EQ(core->jobs().job(queued.id)->state, JobState::Interrupted);
    EXPECT_EQ(core->jobs().job(finished.id)->state, JobState::Succeeded);
}
