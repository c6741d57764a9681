#include "CoreFixture.h"
#include "cluster/ClusterNodeRepository.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QThread>
#include <gtest/gtest.h>
#include <map>
#include <thread>

using namespace Cairn;

// Shared jobs (JobManager::share): on server nodes they wait in the database's queue until a
// node with a free worker claims them; elsewhere they run where they were shared.
class SharedJobsTest : public Cairn::Test::CoreFixture
{
protected:
    static inline const QString Kind = QStringLiteral("test.shared");

    qint64 addNode(const QString &name)
    {
        ClusterNode node;
        node.name = name;
        node.version = QStringLiteral("0.1.0");
        node.host = QStringLiteral("localhost");
        node.pid = 1;
        return ClusterNodeRepository(core->database()).insert(node).value().id;
    }

    // Each manager's handler counts what it ran, by the work's number.
    void handleOn(JobManager &jobs, const QString &who, int sleepMs = 0)
    {
        jobs.registerShared(Kind, [this, who, sleepMs](JobContext &, const QJsonObject &work) {
            if (sleepMs > 0)
                QThread::msleep(sleepMs);
            note(work.value(QLatin1String("n")).toInt(), who);
            return Result<QJsonObject>(QJsonObject{{QStringLiteral("by"), who}});
        });
    }

    void note(int n, const QString &who)
    {
        const QMutexLocker lock(&m_mutex);
        m_ranBy[n].append(who);
    }

    Job waitUntilEnded(qint64 id)
    {
        for (int i = 0; i < 1000; ++i) {
            const Result<Job> job = core->jobs().job(id);
            if (job.ok() && isFinished(job->state))
                return job.value();
            QThread::msleep(10);
        }
        ADD_FAILURE() << "job " << id << " never ended";
        return {};
    }

    qint64 queued()
    {
        return SqlQuery::scalar(core->database().connection(),
                                QStringLiteral("SELECT COUNT(*) FROM job_queue"), {})
            .value()
            .toLongLong();
    }

    QMutex m_mutex;
    std::map<int, QStringList> m_ranBy;
};

TEST_F(SharedJobsTest, WhereNoManagerClaimsASharedJobRunsWhereItWasSharedOnceItsTransactionCommits)
{
    handleOn(core->jobs(), QStringLiteral("here"));
    const Result<Job> job =
        core->jobs().share(Kind, {{QStringLiteral("what"), QStringLiteral("a test")}}, std::nullopt,
                           {{QStringLiteral("n"), 1}});
    ASSERT_TRUE(job.ok()) << qPrintable(job.error().message);
    const Job ended = waitUntilEnded(job->id);
    EXPECT_EQ(ended.state, JobState::Succeeded);
    EXPECT_EQ(ended.result.value(QLatin1String("by")).toString(), QStringLiteral("here"));
    // What the job needs to run is never among what everyone sees of it.
    EXPECT_EQ(ended.params, (QJsonObject{{QStringLiteral("what"), QStringLiteral("a test")}}));
    EXPECT_EQ(queued(), 0);

    // Rolled back: neither the job nor its work ever was.
    std::optional<qint64> rolledBack;
    const Result<void> undone =
        Transaction::run(core->database(), [&](const QSqlDatabase &) -> Result<void> {
            const Result<Job> inside =
                core->jobs().share(Kind, {}, std::nullopt, {{QStringLiteral("n"), 2}});
            if (inside)
                rolledBack = inside->id;
            return Error::badRequest(QStringLiteral("changed my mind"));
        });
    ASSERT_FALSE(undone.ok());
    ASSERT_TRUE(rolledBack.has_value());
    EXPECT_TRUE(core->jobs().waitForIdle(5000));
    EXPECT_FALSE(core->jobs().repository().find(*rolledBack).value().has_value());
    const QMutexLocker lock(&m_mutex);
    EXPECT_EQ(m_ranBy[1], QStringList{QStringLiteral("here")});
    EXPECT_EQ(m_ranBy.count(2), 0U);

    const Result<Job> unknown = core->jobs().share(QStringLiteral("nope"), {}, std::nullopt, {});
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().fields.contains(QStringLiteral("kind")));
}

TEST_F(SharedJobsTest, NodesClaimEachSharedJobOnceWhicheverHasAFreeWorker)
{
    const qint64 first = addNode(QStringLiteral("node-a"));
    const qint64 second = addNode(QStringLiteral("node-b"));
    JobManager other(core->database(), 2);
    core->jobs().setNode(first);
    other.setNode(second);
    handleOn(core->jobs(), QStringLiteral("node-a"), 5);
    handleOn(other, QStringLiteral("node-b"), 5);
    core->jobs().startClaiming(20);
    other.startClaiming(20);

    // All shared on the first node, in bursts of one transaction each as the scheduler shares
    // them: the second only gets them by claiming.
    QList<qint64> ids;
    for (int burst = 0; burst < 10; ++burst) {
        const Result<void> shared =
            Transaction::run(core->database(), [&](const QSqlDatabase &) -> Result<void> {
                for (int i = 0; i < 20; ++i) {
                    const Result<Job> job = core->jobs().share(
                        Kind, {}, std::nullopt, {{QStringLiteral("n"), burst * 20 + i}});
                    if (!job)
                        return job.error();
                    ids << job->id;
                }
                return {};
            });
        ASSERT_TRUE(shared.ok()) << qPrintable(shared.error().message);
    }
    QHash<QString, int> byNode;
    for (const qint64 id : std::as_const(ids)) {
        const Job ended = waitUntilEnded(id);
        ASSERT_EQ(ended.state, JobState::Succeeded) << qPrintable(ended.error);
        const QString by = ended.result.value(QLatin1String("by")).toString();
        // The job names the node that ran it.
        EXPECT_EQ(ended.nodeId, by == u"node-a" ? first : second);
        ++byNode[by];
    }
    {
        const QMutexLocker lock(&m_mutex);
        ASSERT_EQ(m_ranBy.size(), 200U);
        for (const auto &[n, nodes] : m_ranBy)
            EXPECT_EQ(nodes.size(), 1) << n << " ran on " << qPrintable(nodes.join(u','));
    }
    EXPECT_GT(byNode.value(QStringLiteral("node-b")), 0);
    EXPECT_GT(byNode.value(QStringLiteral("node-a")), 0);
    EXPECT_EQ(queued(), 0);
    const JobManager::ClaimFigures claims = other.claimFigures();
    EXPECT_EQ(claims.jobs, byNode.value(QStringLiteral("node-b")));
    EXPECT_GT(claims.took.count, 0);
}

TEST_F(SharedJobsTest, AQueuedJobSurvivesARestartAndIsCancelledFromAnyNodeWithoutRunning)
{
    // Queued by a node that stopped before any node claimed them.
    const Job kept = core->jobs()
                         .repository()
                         .insertShared(Kind, {}, std::nullopt, {{QStringLiteral("n"), 1}})
                         .value();
    const Job cancelled = core->jobs()
                              .repository()
                              .insertShared(Kind, {}, std::nullopt, {{QStringLiteral("n"), 2}})
                              .value();
    // A server starting marks the jobs of no node interrupted, but not those still queued.
    ASSERT_EQ(core->jobs().recoverAfterCrash().value(), 0);

    // Any node takes a queued job off the queue, before anyone runs it, and its kind tidies
    // what it was for (a service run ends aborted).
    QList<JobState> tidied;
    core->jobs().registerRecovery(Kind, [&tidied](const Job &job) {
        tidied << job.state;
        return QString();
    });
    const Result<Job> stopped = core->jobs().cancel(cancelled.id);
    ASSERT_TRUE(stopped.ok()) << qPrintable(stopped.error().message);
    EXPECT_EQ(stopped->state, JobState::Cancelled);
    EXPECT_EQ(tidied, QList<JobState>{JobState::Cancelled});
    EXPECT_EQ(queued(), 1);

    // A node that waits for a job another node runs sees it end.
    JobManager runner(core->database(), 1);
    runner.setNode(addNode(QStringLiteral("node-b")));
    handleOn(runner, QStringLiteral("node-b"));
    runner.startClaiming(20);
    const Result<Job> ended = core->jobs().waitFor(kept.id, 10000);
    ASSERT_TRUE(ended.ok());
    EXPECT_EQ(ended->state, JobState::Succeeded);
    EXPECT_TRUE(runner.waitForIdle(5000));
    const QMutexLocker lock(&m_mutex);
    EXPECT_EQ(m_ranBy[1], QStringList{QStringLiteral("node-b")});
    EXPECT_EQ(m_ranBy.count(2), 0U);
    // Claimed elsewhere: it can no longer be taken off the queue.
    EXPECT_FALSE(core->jobs().repository().cancelQueued(kept.id).value());
}

TEST_F(SharedJobsTest, WaitingForAQueuedJobEndsWhenTheServerStops)
{
    const Job waiting = core->jobs()
                            .repository()
                            .insertShared(Kind, {}, std::nullopt, {{QStringLiteral("n"), 1}})
                            .value();
    std::thread stopper([this] {
        QThread::msleep(200);
        core->jobs().stopAll();
    });
    QElapsedTimer waited;
    waited.start();
    // A synchronous run_service waits up to an hour; a stopping server does not.
    const Result<Job> seen = core->jobs().waitFor(waiting.id, 3600 * 1000);
    stopper.join();
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(seen->state, JobState::Queued);
    EXPECT_LT(waited.elapsed(), 5000);
    // Still there for another node.
    EXPECT_EQ(queued(), 1);
}

TEST_F(SharedJobsTest, AClaimTakesTheOldestUpToItsLimitAndWhatIsPutBackIsClaimedAgain)
{
    const qint64 node = addNode(QStringLiteral("node-a"));
    QList<qint64> ids;
    for (int i = 0; i < 10; ++i)
        ids << core->jobs()
                   .repository()
                   .insertShared(Kind, {}, std::nullopt, {{QStringLiteral("n"), i}})
                   .value()
                   .id;
    JobRepository &jobs = core->jobs().repository();
    const QList<JobRepository::Claimed> claimed = jobs.claim(node, {Kind}, 2).value();
    ASSERT_EQ(claimed.size(), 2);
    EXPECT_EQ(claimed.at(0).job.id, ids.at(0));
    EXPECT_EQ(claimed.at(1).job.id, ids.at(1));
    EXPECT_EQ(claimed.at(1).work.value(QLatin1String("n")).toInt(), 1);
    EXPECT_EQ(claimed.at(0).job.nodeId, node);
    EXPECT_EQ(queued(), 8);
    // Of kinds this node does not run, nothing.
    EXPECT_TRUE(jobs.claim(node, {QStringLiteral("other.kind")}, 5).value().isEmpty());

    // A node stopping before it started them puts them back: no node's, first in line again.
    ASSERT_TRUE(jobs.release(claimed).ok());
    EXPECT_EQ(queued(), 10);
    EXPECT_FALSE(jobs.find(ids.at(0)).value()->nodeId.has_value());
    const QList<JobRepository::Claimed> again = jobs.claim(node, {Kind}, 20).value();
    ASSERT_EQ(again.size(), 10);
    EXPECT_EQ(again.at(0).job.id, ids.at(0));
    EXPECT_EQ(again.at(0).work.value(QLatin1String("n")).toInt(), 0);
    EXPECT_EQ(queued(), 0);

    // A node found dead claims nothing.
    ASSERT_TRUE(jobs.release(again).ok());
    ASSERT_TRUE(SqlQuery::exec(
                    core->database().connection(),
                    QStringLiteral("UPDATE cluster_nodes SET state = 'dead' WHERE id = ?"), {node})
                    .ok());
    EXPECT_TRUE(jobs.claim(node, {Kind}, 5).value().isEmpty());
    EXPECT_EQ(queued(), 10);
}
