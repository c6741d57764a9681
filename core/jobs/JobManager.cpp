#include "JobManager.h"

#include "PoolTask.h"
#include "db/Database.h"
#include "db/Transaction.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <exception>

Q_LOGGING_CATEGORY(lcJobs, "cairn.jobs")

namespace Cairn {

namespace {

// The handler registered for `kind`, or the error naming the unknown kind.
template <typename Handler>
Result<Handler> handlerOf(QMutex &mutex, const QHash<QString, Handler> &handlers,
                          const QString &kind)
{
    Handler handler;
    {
        const QMutexLocker lock(&mutex);
        handler = handlers.value(kind);
    }
    if (!handler)
        return Error::invalidField(QStringLiteral("kind"),
                                   QStringLiteral("Unknown job kind '%1'.").arg(kind));
    return handler;
}

} // namespace

JobManager::JobManager(Database &database, int maxWorkers, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_repository(database)
    , m_maxWorkers(qMax(1, maxWorkers))
{
    m_pool.setMaxThreadCount(m_maxWorkers);
}

JobManager::~JobManager()
{
    stopAll();
    m_pool.waitForDone();
}

void JobManager::stopEveryJob()
{
    const QMutexLocker lock(&m_mutex);
    for (const auto &flag : std::as_const(m_cancelFlags))
        flag->ask();
}

bool JobManager::isStopping()
{
    const QMutexLocker lock(&m_mutex);
    return m_stopping;
}

void JobManager::stopAll()
{
    QList<qint64> unstarted;
    {
        const QMutexLocker lock(&m_mutex);
        m_stopping = true;
        // What waits in the queue stays there for the other nodes (or this one's next start).
        m_claimWake.wakeAll();
        for (const auto &flag : std::as_const(m_cancelFlags))
            flag->ask();
        for (const QList<Waiting> &waiting : std::as_const(m_lanes)) {
            for (const Waiting &job : waiting)
                unstarted.append(job.id);
        }
        for (QList<Waiting> &waiting : m_lanes)
            waiting.clear();
    }
    for (const qint64 id : std::as_const(unstarted))
        endUnstarted(id, JobState::Interrupted);
    // A claim under way puts back what it took; after this none starts.
    if (m_claimer && QThread::currentThread() != m_claimer.get())
        m_claimer->wait();
}

Result<int> JobManager::recoverAfterCrash()
{
    return recover(std::nullopt, QStringLiteral("The server stopped before this job finished."));
}

Result<int> JobManager::recoverJobsOf(qint64 nodeId, const QString &why)
{
    return recover(nodeId, why);
}

void JobManager::setNode(qint64 nodeId)
{
    const QMutexLocker lock(&m_mutex);
    m_nodeId = nodeId;
}

std::optional<qint64> JobManager::node() const
{
    const QMutexLocker lock(&m_mutex);
    return m_nodeId;
}

Result<int> JobManager::recover(std::optional<qint64> nodeId, const QString &why)
{
    const Result<QList<Job>> unfinished = m_repository.unfinished(nodeId);
    if (!unfinished)
        return unfinished.error();
    int interrupted = 0;
    for (const Job &job : unfinished.value()) {
        // Ended first: of two nodes cleaning up after the same one, the one whose update lands
        // runs the recovery, once.
        const Result<bool> ended = m_repository.finish(job.id, JobState::Interrupted, {}, why);
        if (!ended)
            return ended.error();
        if (!ended.value())
            continue;
        ++interrupted;
        QString message = why;
        const JobRecovery recovery = [&] {
            const QMutexLocker lock(&m_mutex);
            return m_recoveries.value(job.kind);
        }();
        if (recovery) {
            const QString cleaned = recovery(job);
            message += cleaned.isEmpty() ? QStringLiteral(" It had left nothing behind.")
                                         : QStringLiteral(" Cleaned up after it: %1.").arg(cleaned);
            const Result<void> told =
                m_repository.setOutcome(job.id, {{QStringLiteral("cleaned_up"), cleaned}}, message);
            if (!told)
                return told.error();
        }
        qCWarning(lcJobs).noquote()
            << "job" << job.id << job.kind << "marked interrupted:" << message;
    }
    return interrupted;
}

void JobManager::registerRecovery(const QString &kind, JobRecovery recovery)
{
    const QMutexLocker lock(&m_mutex);
    m_recoveries.emplace(kind, std::move(recovery));
}

void JobManager::registerKind(const QString &kind, JobHandler handler)
{
    const QMutexLocker lock(&m_mutex);
    m_handlers.emplace(kind, std::move(handler));
}

void JobManager::registerShared(const QString &kind, SharedJobHandler handler)
{
    const QMutexLocker lock(&m_mutex);
    m_sharedHandlers.emplace(kind, std::move(handler));
}

Result<Job> JobManager::share(const QString &kind, const QJsonObject &params,
                              std::optional<qint64> ownerId, const QJsonObject &work)
{
    const Result<SharedJobHandler> found = handlerOf(m_mutex, m_sharedHandlers, kind);
    if (!found)
        return found.error();
    const SharedJobHandler handler = found.value();
    if (isClaiming()) {
        Result<Job> job = m_repository.insertShared(kind, params, ownerId, work);
        if (job)
            Transaction::whenEnded([this](bool committed) {
                if (committed)
                    wakeClaimer();
            });
        return job;
    }
    Result<Job> job = record(kind, params, ownerId);
    if (!job)
        return job;
    Transaction::whenEnded([this, job = job.value(), handler, work](bool committed) {
        if (!committed) {
            abandon(job.id);
            return;
        }
        launch(job, [handler, work](JobContext &context) { return handler(context, work); });
    });
    return job;
}

void JobManager::startClaiming(int pollMs)
{
    const QMutexLocker lock(&m_mutex);
    if (m_claimer)
        return;
    m_claiming = true;
    m_claimer.reset(QThread::create([this, pollMs] { claimLoop(pollMs); }));
    m_claimer->setObjectName(QStringLiteral("job claimer"));
    m_claimer->start();
}

bool JobManager::isClaiming() const
{
    const QMutexLocker lock(&m_mutex);
    return m_claiming;
}

void JobManager::claimLoop(int pollMs)
{
    QMutexLocker lock(&m_mutex);
    while (!m_stopping) {
        m_claimWanted = false;
        lock.unlock();
        claimShared();
        lock.relock();
        if (!m_claimWanted && !m_stopping)
            m_claimWake.wait(&m_mutex, QDeadlineTimer(pollMs));
    }
}

void JobManager::wakeClaimer()
{
    const QMutexLocker lock(&m_mutex);
    m_claimWanted = true;
    m_claimWake.wakeAll();
}

void JobManager::claimShared()
{
    QStringList kinds;
    std::optional<qint64> nodeId;
    {
        const QMutexLocker lock(&m_mutex);
        if (m_stopping)
            return;
        kinds = m_sharedHandlers.keys();
        nodeId = m_nodeId;
    }
    const int free = m_maxWorkers - m_inPool;
    if (!nodeId || free <= 0)
        return;
    QElapsedTimer took;
    took.start();
    const Result<QList<JobRepository::Claimed>> claimed = m_repository.claim(*nodeId, kinds, free);
    const double seconds = double(took.nsecsElapsed()) / 1e9;
    if (!claimed) {
        const QMutexLocker lock(&m_mutex);
        if (claimed.error().message != m_claimError)
            qCWarning(lcJobs).noquote()
                << "could not claim queued jobs:" << claimed.error().message;
        m_claimError = claimed.error().message;
        return;
    }
    QList<Waiting> claimedJobs;
    {
        const QMutexLocker lock(&m_mutex);
        m_claimError.clear();
        // Stopping, they go back to the queue: here, or in execute() when stopping began
        // before a worker took them.
        for (const JobRepository::Claimed &one : claimed.value()) {
            if (m_stopping)
                break;
            const SharedJobHandler handler = m_sharedHandlers.value(one.job.kind);
            m_cancelFlags.insert(one.job.id, std::make_shared<JobStop>());
            m_kindOfJob.insert(one.job.id, one.job.kind);
            ++m_figures[one.job.kind].queued;
            claimedJobs.append(
                {one.job.id,
                 [handler, work = one.work](JobContext &context) { return handler(context, work); },
                 one.job.params, one});
        }
    }
    if (claimedJobs.size() < claimed->size())
        release(claimed->mid(claimedJobs.size()));
    for (const Waiting &job : std::as_const(claimedJobs)) {
        start(job);
        Q_EMIT jobChanged(job.id);
    }
    if (!claimed->isEmpty()) {
        const QMutexLocker lock(&m_mutex);
        m_claimFigures.jobs += claimed->size();
        m_claimFigures.took.observe(seconds);
    }
}

void JobManager::release(const QList<JobRepository::Claimed> &claimed)
{
    const Result<void> released = m_repository.release(claimed);
    if (!released)
        qCWarning(lcJobs).noquote()
            << "could not put claimed jobs back in the queue:" << released.error().message;
}

JobManager::ClaimFigures JobManager::claimFigures()
{
    const QMutexLocker lock(&m_mutex);
    return m_claimFigures;
}

Result<Job> JobManager::submit(const QString &kind, const QJsonObject &params,
                               std::optional<qint64> ownerId)
{
    Result<JobHandler> handler = handlerOf(m_mutex, m_handlers, kind);
    if (!handler)
        return handler.error();
    return submit(kind, params, ownerId, std::move(handler).value());
}

Result<Job> JobManager::submit(const QString &kind, const QJsonObject &params,
                               std::optional<qint64> ownerId, JobHandler work)
{
    Result<Job> job = record(kind, params, ownerId);
    if (!job)
        return job;
    start({job->id, std::move(work), params, {}});
    Q_EMIT jobChanged(job->id);
    return job;
}

Result<Job> JobManager::submitInLane(const QString &lane, const QString &kind,
                                     const QJsonObject &params, std::optional<qint64> ownerId,
                                     JobHandler work)
{
    Result<Job> job = record(kind, params, ownerId);
    if (!job)
        return job;
    {
        const QMutexLocker lock(&m_mutex);
        m_laneOfJob.insert(job->id, lane);
        const auto busy = m_lanes.find(lane);
        if (busy != m_lanes.end()) {
            busy->append({job->id, std::move(work), params, {}});
        } else {
            m_lanes.insert(lane, {});
            start({job->id, std::move(work), params, {}});
        }
    }
    Q_EMIT jobChanged(job->id);
    return job;
}

Result<Job> JobManager::reserve(const QString &kind, const QJsonObject &params,
                                std::optional<qint64> ownerId)
{
    return record(kind, params, ownerId);
}

void JobManager::launch(const Job &job, JobHandler work)
{
    start({job.id, std::move(work), job.params, {}});
    Q_EMIT jobChanged(job.id);
}

void JobManager::abandon(qint64 id)
{
    const QMutexLocker lock(&m_mutex);
    m_cancelFlags.remove(id);
    countEnded(id, false, std::nullopt);
    m_finished.wakeAll();
}

QHash<QString, JobManager::KindFigures> JobManager::figures()
{
    const QMutexLocker lock(&m_mutex);
    return m_figures;
}

void JobManager::countStarted(qint64 jobId)
{
    const auto kind = m_kindOfJob.constFind(jobId);
    if (kind == m_kindOfJob.cend())
        return;
    KindFigures &figures = m_figures[kind.value()];
    --figures.queued;
    ++figures.running;
}

void JobManager::countEnded(qint64 jobId, bool started, std::optional<JobState> state)
{
    const auto kind = m_kindOfJob.constFind(jobId);
    if (kind == m_kindOfJob.cend())
        return;
    KindFigures &figures = m_figures[kind.value()];
    m_kindOfJob.erase(kind);
    --(started ? figures.running : figures.queued);
    if (state)
        ++figures.ended[jobStateName(*state)];
}

bool JobManager::isLaneBusy(const QString &lane)
{
    const QMutexLocker lock(&m_mutex);
    return m_lanes.contains(lane);
}

Result<Job> JobManager::record(const QString &kind, const QJsonObject &params,
                               std::optional<qint64> ownerId)
{
    std::optional<qint64> nodeId;
    {
        const QMutexLocker lock(&m_mutex);
        nodeId = m_nodeId;
    }
    Result<Job> job = m_repository.insert(kind, params, ownerId, nodeId);
    if (!job)
        return job;
    const QMutexLocker lock(&m_mutex);
    m_cancelFlags.insert(job->id, std::make_shared<JobStop>(m_stopping));
    m_kindOfJob.insert(job->id, kind);
    ++m_figures[kind].queued;
    return job;
}

void JobManager::start(const Waiting &job)
{
    ++m_inPool;
    m_pool.start(poolTask([this, job] { execute(job); }));
}

void JobManager::advanceLane(qint64 finishedJobId)
{
    const QString lane = m_laneOfJob.take(finishedJobId);
    if (lane.isEmpty())
        return;
    const auto waiting = m_lanes.find(lane);
    if (waiting == m_lanes.end())
        return;
    if (waiting->isEmpty()) {
        m_lanes.erase(waiting);
        return;
    }
    start(waiting->takeFirst());
}

void JobManager::endUnstarted(qint64 jobId, JobState state)
{
    const Result<bool> ended = m_repository.finish(jobId, state, {}, {});
    if (ended.ok() && ended.value())
        recoverUnrun(jobId);
    {
        const QMutexLocker lock(&m_mutex);
        m_cancelFlags.remove(jobId);
        countEnded(jobId, false, state);
        m_laneOfJob.remove(jobId);
        m_finished.wakeAll();
    }
    Q_EMIT jobChanged(jobId);
}

void JobManager::execute(const Waiting &job)
{
    const qint64 jobId = job.id;
    std::shared_ptr<JobStop> cancelled;
    {
        const QMutexLocker lock(&m_mutex);
        cancelled = m_cancelFlags.value(jobId);
        countStarted(jobId);
    }
    JobState state = JobState::Cancelled;
    QJsonObject result;
    QString error;
    // Ended elsewhere before it started (interrupted by the node that found this one dead):
    // it does not run.
    const Result<bool> running =
        cancelled->asked() ? Result<bool>(false) : m_repository.markRunning(jobId);
    if (running.ok() && !running.value() && !cancelled->asked()) {
        settle(jobId, std::nullopt);
        leavePool();
        return;
    }
    const bool ran = !cancelled->asked();
    if (!ran && job.claimed && isStopping()) {
        // Claimed, then this node began to stop before a worker took it: another node runs it.
        release({*job.claimed});
        settle(jobId, std::nullopt);
        leavePool();
        return;
    }
    if (ran) {
        Q_EMIT jobChanged(jobId);
        JobContext context(jobId, job.params, m_repository, cancelled,
                           [this, jobId](int percent) { noteProgress(jobId, percent); });
        try {
            const Result<QJsonObject> outcome = job.work(context);
            if (outcome) {
                state = cancelled->asked() ? stoppedState() : context.finishedState();
                result = outcome.value();
                // A stopped job's items that never ran are not failures to count.
                if (!cancelled->asked())
                    error = context.failureSummary();
            } else {
                state = cancelled->asked() ? stoppedState() : JobState::Failed;
                error = outcome.error().message;
                // Kept so that whoever waited on the job can answer as the operation would.
                result = {{QStringLiteral("error_code"), Error::codeName(outcome.error().code)},
                          {QStringLiteral("error_fields"), outcome.error().fields}};
            }
        } catch (const std::exception &exception) {
            qCCritical(lcJobs) << "job" << jobId << "threw" << exception.what();
            state = JobState::Failed;
            error = QStringLiteral("Internal error.");
        }
    }
    if (state == JobState::Cancelled)
        state = stoppedState();
    const Result<bool> ended = m_repository.finish(jobId, state, result, error);
    if (!ran && ended.ok() && ended.value())
        recoverUnrun(jobId);
    settle(jobId, state);
    Q_EMIT jobChanged(jobId);
    leavePool();
}

void JobManager::leavePool()
{
    --m_inPool;
    // A worker is free: a shared job may be waiting for it.
    if (isClaiming())
        wakeClaimer();
}

void JobManager::recoverUnrun(qint64 jobId)
{
    const Result<std::optional<Job>> job = m_repository.find(jobId);
    if (!job || !job->has_value())
        return;
    JobRecovery recovery;
    {
        const QMutexLocker lock(&m_mutex);
        recovery = m_recoveries.value(job->value().kind);
    }
    if (recovery)
        (void)recovery(job->value());
}

void JobManager::settle(qint64 jobId, std::optional<JobState> state)
{
    const QMutexLocker lock(&m_mutex);
    m_cancelFlags.remove(jobId);
    countEnded(jobId, true, state);
    m_liveProgress.remove(jobId);
    advanceLane(jobId);
    m_finished.wakeAll();
}

void JobManager::noteProgress(qint64 jobId, int percent)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_liveProgress[jobId] = percent;
    }
    Q_EMIT jobChanged(jobId);
}

JobState JobManager::stoppedState()
{
    const QMutexLocker lock(&m_mutex);
    return m_stopping ? JobState::Interrupted : JobState::Cancelled;
}

Result<Job> JobManager::waitFor(qint64 id, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    qint64 pauseMs = 10;
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            while (m_cancelFlags.contains(id) && !deadline.hasExpired())
                m_finished.wait(&m_mutex, deadline);
        }
        Result<Job> current = job(id);
        // Shutting down: what waits in the queue is for another node (or the next start).
        if (!current || isFinished(current->state) || deadline.hasExpired() || isStopping())
            return current;
        // Waiting in the queue, or running on another node: its row says when it has ended.
        QMutexLocker lock(&m_mutex);
        if (!m_cancelFlags.contains(id))
            m_finished.wait(&m_mutex,
                            QDeadlineTimer(deadline.isForever()
                                               ? pauseMs
                                               : qMin(pauseMs, deadline.remainingTime())));
        pauseMs = qMin<qint64>(pauseMs * 2, 500);
    }
}

Result<Job> JobManager::job(qint64 id)
{
    const Result<std::optional<Job>> found = m_repository.find(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("No job with id %1.").arg(id));
    return withLiveProgress(found->value());
}

Job JobManager::withLiveProgress(Job job)
{
    const QMutexLocker lock(&m_mutex);
    const auto live = m_liveProgress.constFind(job.id);
    if (live != m_liveProgress.cend() && !isFinished(job.state))
        job.progress = live.value();
    return job;
}

Result<Job> JobManager::cancel(qint64 id)
{
    Result<Job> current = job(id);
    if (!current)
        return current;
    // Still waiting in the queue for a node: taken off it, from whichever node.
    if (!current->nodeId && current->state == JobState::Queued) {
        const Result<bool> unqueued = m_repository.cancelQueued(id);
        if (!unqueued)
            return unqueued.error();
        if (unqueued.value()) {
            recoverUnrun(id);
            Q_EMIT jobChanged(id);
            return job(id);
        }
        // Claimed meanwhile (or never shared): cancelled where it runs.
        current = job(id);
        if (!current)
            return current;
    }
    if (isFinished(current->state))
        return Error::conflict(QStringLiteral("Job %1 has already finished: %2.")
                                   .arg(id)
                                   .arg(jobStateName(current->state)));
    std::optional<qint64> here;
    {
        const QMutexLocker lock(&m_mutex);
        here = m_nodeId;
    }
    // Its cancel flag lives in the process running it.
    if (current->nodeId && current->nodeId != here)
        return Error::conflict(QStringLiteral("Job %1 runs on cluster node %2 (see "
                                              "/rest/get_cluster_status): cancel it there.")
                                   .arg(id)
                                   .arg(*current->nodeId));
    if (takeWaiting(id))
        endUnstarted(id, JobState::Cancelled);
    bool tooLate = false;
    bool held = false;
    {
        const QMutexLocker lock(&m_mutex);
        const auto flag = m_cancelFlags.constFind(id);
        held = flag != m_cancelFlags.cend();
        if (held)
            tooLate = !flag.value()->ask();
    }
    // Claimed here a moment ago and not yet handed to a worker: ended now, it never starts.
    if (!held && current->state == JobState::Queued) {
        const Result<bool> ended = m_repository.finish(id, JobState::Cancelled, {}, {});
        if (ended.ok() && ended.value())
            recoverUnrun(id);
    }
    if (tooLate)
        return Error::conflict(
            QStringLiteral("Job %1 is finishing: it is too late to cancel it.").arg(id));
    return job(id);
}

bool JobManager::takeWaiting(qint64 id)
{
    const QMutexLocker lock(&m_mutex);
    const auto waiting = m_lanes.find(m_laneOfJob.value(id));
    if (waiting == m_lanes.end())
        return false;
    return waiting->removeIf([id](const Waiting &job) { return job.id == id; }) > 0;
}

bool JobManager::waitForIdle(int timeoutMs)
{
    return m_pool.waitForDone(timeoutMs);
}

} // namespace Cairn
