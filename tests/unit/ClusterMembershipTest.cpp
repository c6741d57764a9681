#include "cluster/ClusterMembership.h"

#include "CoreFixture.h"
#include "ExitedProcess.h"
#include "Sanitizers.h"
#include "cluster/ClusterNodeRepository.h"
#include "db/SqlQuery.h"

#include <QHostInfo>
#include <QThread>
#include <atomic>
#include <gtest/gtest.h>

using namespace Cairn;

class ClusterMembershipTest : public Cairn::Test::CoreFixture
{
protected:
    // Quick enough for a test: a node silent for a second is dead. Silence is made by moving
    // heartbeats back, never by waiting for it.
    static ClusterSettings settings(const QString &name)
    {
        return {name, 1, QStringLiteral("127.0.0.1:8090"), 50, 1000};
    }

    void silence(qint64 nodeId)
    {
        ASSERT_TRUE(SqlQuery::exec(core->database().connection(),
                                   QStringLiteral("UPDATE cluster_nodes SET heartbeat_at = "
                                                  "heartbeat_at - 60000 WHERE id = ?"),
                                   {nodeId})
                        .ok());
    }

    Job runningJobOf(JobManager &jobs, std::optional<qint64> node)
    {
        Job job = jobs.repository().insert(QStringLiteral("wait"), {}, std::nullopt, node).value();
        EXPECT_TRUE(jobs.repository().markRunning(job.id).ok());
        return job;
    }

    Job jobNow(qint64 id) { return core->jobs().job(id).value(); }

    ClusterNode::State stateOf(qint64 id)
    {
        const Result<QVariant> state =
            SqlQuery::scalar(core->database().connection(),
                             QStringLiteral("SELECT state FROM cluster_nodes WHERE id = ?"), {id});
        EXPECT_TRUE(state.ok());
        return ClusterNode::stateFromName(state.ok() ? state->toString() : QString());
    }

    // As /rest/get_cluster_status lists it.
    std::optional<ClusterNode> shown(qint64 id)
    {
        const QList<ClusterNode> nodes =
            ClusterNodeRepository(core->database()).recent(3600 * 1000).value();
        for (const ClusterNode &node : nodes) {
            if (node.id == id)
                return node;
        }
        return std::nullopt;
    }
};

TEST_F(ClusterMembershipTest, ASilentNodeIsFoundDeadOnceAndOnlyItsJobsAreInterrupted)
{
    JobManager jobsOfA(core->database(), 1);
    JobManager jobsOfB(core->database(), 1);
    ClusterMembership a(core->database(), jobsOfA, settings(QStringLiteral("node-a")));
    ClusterMembership b(core->database(), jobsOfB, settings(QStringLiteral("node-b")));
    const ClusterNode nodeA = a.join().value();
    const ClusterNode nodeB = b.join().value();
    EXPECT_NE(nodeA.id, nodeB.id);
    const Job ofA = runningJobOf(jobsOfA, nodeA.id);
    const Job ofB = runningJobOf(jobsOfB, nodeB.id);
    const Job ofNoNode = runningJobOf(jobsOfB, std::nullopt);

    // B beats, A (as if killed) does not. B judges only once it has beaten for as long as a
    // node may stay silent: a database that was out of reach leaves every node silent.
    silence(nodeA.id);
    b.start();
    QThread::msleep(100);
    EXPECT_EQ(jobNow(ofA.id).state, JobState::Running);
    for (int i = 0; i < 500 && jobNow(ofA.id).state != JobState::Interrupted; ++i)
        QThread::msleep(10);
    EXPECT_EQ(jobNow(ofA.id).state, JobState::Interrupted);
    EXPECT_EQ(jobNow(ofA.id).error,
              QStringLiteral("Node node-a stopped beating before this job finished."));
    EXPECT_EQ(jobNow(ofB.id).state, JobState::Running);
    EXPECT_EQ(jobNow(ofNoNode.id).state, JobState::Running);
    ASSERT_TRUE(shown(nodeA.id).has_value());
    EXPECT_EQ(shown(nodeA.id)->state, ClusterNode::State::Dead);
    EXPECT_EQ(shown(nodeA.id)->toJson().value(QLatin1String("status")), QStringLiteral("Down"));
    EXPECT_EQ(shown(nodeB.id)->toJson().value(QLatin1String("status")), QStringLiteral("Up"));

    // Whoever else looks finds nothing left to do: the dead are cleaned up after once.
    JobManager jobsOfC(core->database(), 1);
    ClusterMembership c(core->database(), jobsOfC, settings(QStringLiteral("node-c")));
    ASSERT_TRUE(c.join().ok());
    EXPECT_EQ(c.findDead().value(), 0);

    // The finish of a job already interrupted changes nothing.
    ASSERT_TRUE(jobsOfA.repository().finish(ofA.id, JobState::Succeeded, {}, {}).ok());
    EXPECT_EQ(jobNow(ofA.id).state, JobState::Interrupted);

    // A node found dead that beats again is a node again, under a new row.
    a.beat();
    EXPECT_NE(a.node().id, nodeA.id);
    ASSERT_TRUE(shown(a.node().id).has_value());
    EXPECT_EQ(shown(a.node().id)->state, ClusterNode::State::Up);
}

TEST_F(ClusterMembershipTest, ANameHeldByALiveNodeElsewhereIsRefusedUntilItFallsSilent)
{
    ClusterNode elsewhere;
    elsewhere.name = QStringLiteral("node-a");
    elsewhere.version = QStringLiteral("0.1.0");
    elsewhere.host = QStringLiteral("elsewhere.example");
    elsewhere.pid = 4242;
    elsewhere = ClusterNodeRepository(core->database()).insert(elsewhere).value();
    const Job itsJob = runningJobOf(core->jobs(), elsewhere.id);

    ClusterMembership starting(core->database(), core->jobs(), settings(QStringLiteral("node-a")));
    const Result<ClusterNode> refused = starting.join();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(refused.error().message.contains(QLatin1String("elsewhere.example")))
        << qPrintable(refused.error().message);
    EXPECT_TRUE(refused.error().message.contains(QLatin1String("node_name")));
    EXPECT_EQ(jobNow(itsJob.id).state, JobState::Running);

    silence(elsewhere.id);
    const Result<ClusterNode> joined = starting.join();
    ASSERT_TRUE(joined.ok()) << qPrintable(joined.error().message);
    EXPECT_EQ(jobNow(itsJob.id).state, JobState::Interrupted);
    EXPECT_EQ(stateOf(elsewhere.id), ClusterNode::State::Dead);
    // The name is up again: the dead process under it is no longer shown.
    EXPECT_FALSE(shown(elsewhere.id).has_value());
    // Jobs submitted from now on are this node's.
    core->jobs().registerKind(QStringLiteral("noop"),
                              [](JobContext &) -> Result<QJsonObject> { return QJsonObject{}; });
    const Job mine = core->jobs().submit(QStringLiteral("noop"), {}).value();
    ASSERT_TRUE(core->jobs().waitFor(mine.id, 5000).ok());
    EXPECT_TRUE(core->jobs().repository().unfinished(joined->id).value().isEmpty());
}

TEST_F(ClusterMembershipTest, ANodeStartedAgainOnTheSameMachineTakesOverFromItsDeadProcessAtOnce)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    const qint64 gonePid = Cairn::Test::exitedProcessId();
    ASSERT_NE(gonePid, 0);
    ClusterNode before;
    before.name = QStringLiteral("node-a");
    before.version = QStringLiteral("0.1.0");
    before.host = QHostInfo::localHostName();
    before.pid = gonePid;
    before = ClusterNodeRepository(core->database()).insert(before).value();
    const Job itsJob = runningJobOf(core->jobs(), before.id);

    ClusterMembership again(core->database(), core->jobs(), settings(QStringLiteral("node-a")));
    const Result<ClusterNode> joined = again.join();
    ASSERT_TRUE(joined.ok()) << qPrintable(joined.error().message);
    EXPECT_EQ(jobNow(itsJob.id).state, JobState::Interrupted);
    EXPECT_EQ(jobNow(itsJob.id).error,
              QStringLiteral("The server stopped before this job finished."));
}

TEST_F(ClusterMembershipTest, LeavingIsRecordedUnlessJobsAreLeftForOthersToCleanUp)
{
    JobManager jobs(core->database(), 1);
    ClusterMembership busy(core->database(), jobs, settings(QStringLiteral("busy")));
    const ClusterNode busyNode = busy.join().value();
    runningJobOf(jobs, busyNode.id);
    busy.leave();
    EXPECT_EQ(shown(busyNode.id)->state, ClusterNode::State::Up);

    ClusterMembership idle(core->database(), core->jobs(), settings(QStringLiteral("idle")));
    const ClusterNode idleNode = idle.join().value();
    idle.start();
    idle.leave();
    ASSERT_TRUE(shown(idleNode.id).has_value());
    EXPECT_EQ(shown(idleNode.id)->state, ClusterNode::State::Stopped);
    EXPECT_TRUE(shown(idleNode.id)->stoppedAt.has_value());
}

TEST_F(ClusterMembershipTest, AJobEndedByAnotherNodeBeforeItStartsNeverRuns)
{
    std::atomic_bool release = false;
    std::atomic_int ran = 0;
    const auto work = [&](bool waits) {
        return [&, waits](JobContext &) -> Result<QJsonObject> {
            while (waits && !release)
                QThread::msleep(5);
            ++ran;
            return QJsonObject{};
        };
    };
    const Job first = core->jobs()
                          .submitInLane(QStringLiteral("lane"), QStringLiteral("wait"), {},
                                        std::nullopt, work(true))
                          .value();
    const Job second = core->jobs()
                           .submitInLane(QStringLiteral("lane"), QStringLiteral("wait"), {},
                                         std::nullopt, work(false))
                           .value();
    // What the node that found this one dead does.
    const Result<bool> ended = core->jobs().repository().finish(second.id, JobState::Interrupted,
                                                                {}, QStringLiteral("gone"));
    ASSERT_TRUE(ended.ok());
    EXPECT_TRUE(ended.value());
    release = true;
    ASSERT_TRUE(core->jobs().waitFor(first.id, 5000).ok());
    ASSERT_TRUE(core->jobs().waitFor(second.id, 5000).ok());
    EXPECT_EQ(ran, 1);
    EXPECT_EQ(jobNow(second.id).state, JobState::Interrupted);
    EXPECT_EQ(jobNow(second.id).error, QStringLiteral("gone"));
}

TEST_F(ClusterMembershipTest, ACancelReachingAnotherNodeSaysWhichNodeRunsTheJob)
{
    ClusterNode other;
    other.name = QStringLiteral("node-b");
    other.version = QStringLiteral("0.1.0");
    other.host = QStringLiteral("elsewhere.example");
    other = ClusterNodeRepository(core->database()).insert(other).value();
    const Job theirs = runningJobOf(core->jobs(), other.id);
    const Result<Job> refused = core->jobs().cancel(theirs.id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(refused.error().message.contains(QString::number(other.id)))
        << qPrintable(refused.error().message);
    EXPECT_EQ(jobNow(theirs.id).state, JobState::Running);
}
