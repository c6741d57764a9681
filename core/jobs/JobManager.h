#pragma once

#include "Job.h"
#include "JobContext.h"
#include "JobRepository.h"
#include "JobStop.h"
#include "LatencyHistogram.h"
#include "Result.h"
#include "WaitCondition.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace Cairn {

class Database;

using JobHandler = std::function<Result<QJsonObject>(JobContext &)>;
// Undoes what a job of its kind left half done when the process died under it (files, leases,
// definitions elsewhere), from the job's params; returns what it removed, for people to read,
// empty when there was nothing. Also called for a job that ended without its work running
// (cancelled while it waited: its state says so).
using JobRecovery = std::function<QString(const Job &)>;
// Runs a shared job (JobManager::share) from the work stored with it, on whichever node claimed
// it.
using SharedJobHandler = std::function<Result<QJsonObject>(JobContext &, const QJsonObject &work)>;

// Runs long operations on a bounded pool of worker threads, recording each as a Job row.
// Areas register a handler per kind; callers submit and then observe through jobChanged()
// (in-process) or the jobs table (anyone).
class JobManager : public QObject
{
    Q_OBJECT

public:
    JobManager(Database &database, int maxWorkers, QObject *parent = nullptr);
    ~JobManager() override;

    // At start, before any submit: jobs a previous process left queued or running can no
    // longer finish, so they are marked interrupted, after their kind's recovery (if any) has
    // cleaned up what they left half done; the job's error says what. Returns how many.
    // Only jobs of no node: recorded by a process that was no cluster node (or before the
    // database had nodes); a node's own are recovered through recoverJobsOf().
    Result<int> recoverAfterCrash();
    // The same for the unfinished jobs of node `nodeId`, whose process is gone (found without a
    // heartbeat, or this node's previous process under its name). `why` starts their error.
    Result<int> recoverJobsOf(qint64 nodeId, const QString &why);
    // From now on the jobs submitted here are recorded as run by cluster node `nodeId`.
    void setNode(qint64 nodeId);
    std::optional<qint64> node() const;

    void registerKind(const QString &kind, JobHandler handler);
    void registerRecovery(const QString &kind, JobRecovery recovery);
    // Jobs of `kind` may be shared: see share().
    void registerShared(const QString &kind, SharedJobHandler handler);
    // A job of a kind registered with registerShared(), described by `work` (ids and values the
    // handler reads back; never secrets, since it is stored). Where this manager claims jobs
    // (startClaiming(): a server node), the job waits in the database's queue until a node
    // with a free worker claims it, this one or another; elsewhere it runs here. Inside a
    // transaction nothing happens before it commits, and nothing at all when it rolls back.
    Result<Job> share(const QString &kind, const QJsonObject &params, std::optional<qint64> ownerId,
                      const QJsonObject &work);
    // From now on this manager takes shared jobs from the queue whenever it has a free worker:
    // at once when one is shared here or a job here ends, and every `pollMs` for those shared
    // by other nodes. Needs a node (setNode()). Stops with stopAll().
    void startClaiming(int pollMs);
    // Whether startClaiming() was called: shared jobs go to the queue.
    bool isClaiming() const;
    // The jobs this node claimed, and how long each claim that took some lasted.
    struct ClaimFigures
    {
        qint64 jobs = 0;
        LatencyHistogram took;
    };
    ClaimFigures claimFigures();
    Result<Job> submit(const QString &kind, const QJsonObject &params,
                       std::optional<qint64> ownerId = std::nullopt);
    // A job whose work is given here rather than registered for its kind: for work holding what
    // must never be stored (credential tokens); `params` only describe it. Such a job is not
    // resumable anyway: after a crash every unfinished job is interrupted.
    Result<Job> submit(const QString &kind, const QJsonObject &params,
                       std::optional<qint64> ownerId, JobHandler work);
    // Jobs of one `lane` run one at a time, in the order submitted (a machine's transactions);
    // the later ones stay queued meanwhile.
    Result<Job> submitInLane(const QString &lane, const QString &kind, const QJsonObject &params,
                             std::optional<qint64> ownerId, JobHandler work);
    // A job recorded but not started, for a caller that writes its own rows with it in one
    // transaction (a burst of runs is one write): launch() it once that has committed, or
    // abandon() it when it rolled back.
    Result<Job> reserve(const QString &kind, const QJsonObject &params,
                        std::optional<qint64> ownerId);
    void launch(const Job &job, JobHandler work);
    void abandon(qint64 id);
    // Whether a job of the lane is queued or running.
    bool isLaneBusy(const QString &lane);
    Result<Job> job(qint64 id);
    // `job` with the progress its run reported in this process: a job that writes in one
    // transaction (an import) reports progress its row does not show until it commits.
    Job withLiveProgress(Job job);
    JobRepository &repository() { return m_repository; }
    // A queued job ends cancelled without running; a running one is asked to stop. A handler
    // that stops early returns what it did: the job ends cancelled, with that result. A 409
    // when the job has finished, or is finishing (past JobStop::claimFinish()).
    Result<Job> cancel(qint64 id);
    // Blocks until the job has finished (or the time is up) and returns it as it then is; a job
    // running on another node is watched through its row.
    Result<Job> waitFor(qint64 id, int timeoutMs);
    // Shutting down: every job is asked to stop, and those that stop early end interrupted
    // rather than cancelled, since nobody cancelled them.
    void stopAll();
    // Every job running or waiting here is asked to stop, as by a cancel: this node was found
    // dead and its jobs ended by another, so what they still do is for nobody.
    void stopEveryJob();
    // Whether stopAll() was called: a handler told to stop can tell shutting down from a cancel.
    bool isStopping();
    bool waitForIdle(int timeoutMs);

    // What this process's jobs of one kind did since it started: how many wait and run now,
    // and how many ended in each state (by state name).
    struct KindFigures
    {
        qint64 queued = 0;
        qint64 running = 0;
        QHash<QString, qint64> ended;
    };
    QHash<QString, KindFigures> figures();

Q_SIGNALS:
    // Emitted from worker threads; connect with a queued connection from the GUI.
    void jobChanged(qint64 jobId);

private:
    // Claims as many shared jobs as there are free workers and starts them.
    void claimShared();
    // Claimed jobs back in the queue, for the other nodes (this one is stopping).
    void release(const QList<JobRepository::Claimed> &claimed);
    void claimLoop(int pollMs);
    void wakeClaimer();
    // A job that ended without its work running (cancelled while it waited, stopped before it
    // started): its kind's recovery tidies what it was for (a service run ends too).
    void recoverUnrun(qint64 jobId);
    // A job handed to the pool has ended there: its worker is free.
    void leavePool();

    struct Waiting
    {
        qint64 id;
        JobHandler work;
        QJsonObject params;
        // A shared job claimed here: put back in the queue if this node stops before it starts.
        std::optional<JobRepository::Claimed> claimed;
    };

    Result<Job> record(const QString &kind, const QJsonObject &params,
                       std::optional<qint64> ownerId);
    Result<int> recover(std::optional<qint64> nodeId, const QString &why);
    void start(const Waiting &job);
    void execute(const Waiting &job);
    // The next job of the lane the finished job ran in, started; called with m_mutex held.
    void advanceLane(qint64 finishedJobId);
    // Removes the job from its lane's waiting list; false when it is not waiting there.
    bool takeWaiting(qint64 id);
    // Ends a job that never ran, as `state`.
    void endUnstarted(qint64 jobId, JobState state);
    // A running job's progress, kept for withLiveProgress() and announced.
    void noteProgress(qint64 jobId, int percent);
    // How a job that stopped on request ends: cancelled, or interrupted when shutting down.
    JobState stoppedState();
    // A job that ran here has ended (as `state`, when it ended here): forgotten, counted, its
    // lane moved on and its waiters woken.
    void settle(qint64 jobId, std::optional<JobState> state);
    // Counts a job moving on (started, ended); called with m_mutex held.
    void countStarted(qint64 jobId);
    void countEnded(qint64 jobId, bool started, std::optional<JobState> state);

    Database &m_database;
    JobRepository m_repository;
    QThreadPool m_pool;
    mutable QMutex m_mutex;
    WaitCondition m_finished;
    bool m_stopping = false;
    std::optional<qint64> m_nodeId;
    QHash<QString, JobHandler> m_handlers;
    QHash<QString, JobRecovery> m_recoveries;
    QHash<QString, SharedJobHandler> m_sharedHandlers;
    // Jobs handed to the pool and not yet ended: what is free is maxWorkers minus these.
    std::atomic<int> m_inPool = 0;
    const int m_maxWorkers;
    std::unique_ptr<QThread> m_claimer;
    bool m_claiming = false;
    bool m_claimWanted = false;
    WaitCondition m_claimWake;
    ClaimFigures m_claimFigures;
    // The last claim's error, logged once rather than at every poll while it lasts.
    QString m_claimError;
    QHash<qint64, std::shared_ptr<JobStop>> m_cancelFlags;
    // Progress of the jobs running here, as last reported.
    QHash<qint64, int> m_liveProgress;
    // Per busy lane, the jobs waiting their turn; a lane is busy while it is a key here.
    QHash<QString, QList<Waiting>> m_lanes;
    QHash<qint64, QString> m_laneOfJob;
    // The kind of each job recorded here and not ended, and the figures by kind.
    QHash<qint64, QString> m_kindOfJob;
    QHash<QString, KindFigures> m_figures;
};

} // namespace Cairn
