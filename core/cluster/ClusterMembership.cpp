#include "ClusterMembership.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"
#include "jobs/JobManager.h"

#include <QHostInfo>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <cerrno>
#include <csignal>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcCluster, "cairn.cluster")

namespace Cairn {

namespace {

// Serialises nodes registering at once on PostgreSQL (SQLite's write lock does it there); the
// migrations hold another key.
constexpr qint64 RegistrationLock = 0x436169726e4e6f64; // "CairnNod"
// How long an administrator sees a node that went down; older rows are forgotten.
constexpr qint64 RememberDownMs = 7LL * 24 * 3600 * 1000;

// What a job of a node found silent ends with.
QString silentReason(const ClusterNode &node)
{
    return QStringLiteral("Node %1 stopped beating before this job finished.").arg(node.name);
}

} // namespace

ClusterMembership::ClusterMembership(Database &database, JobManager &jobs, ClusterSettings settings)
    : m_database(database)
    , m_jobs(jobs)
    , m_settings(std::move(settings))
    , m_nodes(database)
{
}

ClusterMembership::~ClusterMembership()
{
    stopThreads();
}

ClusterNode ClusterMembership::node() const
{
    const QMutexLocker lock(&m_mutex);
    return m_node;
}

void ClusterMembership::setAddress(const QString &address)
{
    qint64 id = 0;
    {
        const QMutexLocker lock(&m_mutex);
        m_settings.address = address;
        m_node.address = address;
        id = m_node.id;
    }
    const Result<void> stored = m_nodes.setAddress(id, address);
    if (!stored)
        qCWarning(lcCluster).noquote()
            << "the node's address was not stored:" << stored.error().message;
}

bool ClusterMembership::mayBeRunning(const ClusterNode &node, qint64 silentMs) const
{
    if (silentMs >= m_settings.deadAfterMs)
        return false;
    if (node.host != QHostInfo::localHostName())
        return true;
    // A container started again has the same host name and often the same process id as
    // before, and that process is this one; another container sharing both would still beat.
    if (node.pid == qint64(::getpid()))
        return silentMs < 3LL * m_settings.heartbeatMs;
    return ::kill(pid_t(node.pid), 0) == 0 || errno == EPERM;
}

Result<ClusterNode> ClusterMembership::registerNode()
{
    ClusterNode node;
    node.name = m_settings.nodeName;
    node.clusterId = m_settings.clusterId;
    {
        const QMutexLocker lock(&m_mutex);
        node.address = m_settings.address;
    }
    node.version = QStringLiteral(CAIRN_VERSION);
    node.host = QHostInfo::localHostName();
    node.pid = ::getpid();
    Result<ClusterNode> stored = m_nodes.insert(node);
    if (!stored)
        return stored;
    m_jobs.setNode(stored->id);
    const QMutexLocker lock(&m_mutex);
    m_node = stored.value();
    return stored;
}

Result<ClusterNode> ClusterMembership::join()
{
    for (int attempt = 0;; ++attempt) {
        QList<ClusterNode> previous;
        qint64 retryInMs = 0;
        Result<ClusterNode> joined =
            Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<ClusterNode> {
                if (!m_database.isSqlite()) {
                    const Result<void> locked = SqlQuery::exec(
                        db, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {RegistrationLock});
                    if (!locked)
                        return locked.error();
                }
                const Result<qint64> now = m_nodes.databaseTime();
                if (!now)
                    return now.error();
                const Result<QList<ClusterNode>> named = m_nodes.upNamed(m_settings.nodeName);
                if (!named)
                    return named.error();
                for (const ClusterNode &node : named.value()) {
                    const qint64 silentMs = now.value() - node.heartbeatAt;
                    if (mayBeRunning(node, silentMs)) {
                        if (attempt == 0 && node.pid == qint64(::getpid()))
                            retryInMs = 3LL * m_settings.heartbeatMs - silentMs;
                        return Error::conflict(
                            QStringLiteral(
                                "Another node named %1 is running (on %2, process %3, last "
                                "heartbeat %4 ms ago). Give each node its own [server] node_name, "
                                "or start this one once that one has been silent for %5 s.")
                                .arg(node.name, node.host)
                                .arg(node.pid)
                                .arg(silentMs)
                                .arg(m_settings.deadAfterMs / 1000));
                    }
                    const Result<bool> down = m_nodes.markDown(node.id, ClusterNode::State::Dead);
                    if (!down)
                        return down.error();
                    if (down.value())
                        previous << node;
                }
                return registerNode();
            });
        if (!joined && retryInMs > 0) {
            // Perhaps this very container before a restart: seen again once it had to beat.
            QThread::msleep(quint64(retryInMs));
            continue;
        }
        if (!joined)
            return joined;
        for (const ClusterNode &node : std::as_const(previous))
            cleanUpAfter(node, QStringLiteral("The server stopped before this job finished."));
        (void)m_nodes.forgetDownFor(RememberDownMs);
        return joined;
    }
}

void ClusterMembership::cleanUpAfter(const ClusterNode &node, const QString &why)
{
    const Result<int> interrupted = m_jobs.recoverJobsOf(node.id, why);
    qCWarning(lcCluster).noquote()
        << "node" << node.name << "(process" << node.pid << "on" << node.host << ") is gone;"
        << (interrupted ? QString::number(interrupted.value()) : interrupted.error().message)
        << "of its jobs interrupted";
}

Result<int> ClusterMembership::findDead()
{
    const Result<QList<ClusterNode>> silent = m_nodes.silentFor(m_settings.deadAfterMs);
    if (!silent)
        return silent.error();
    const qint64 self = node().id;
    int found = 0;
    for (const ClusterNode &node : silent.value()) {
        if (node.id == self)
            continue;
        // Of the nodes that noticed, the one whose update lands cleans up.
        const Result<bool> marked =
            m_nodes.markDown(node.id, ClusterNode::State::Dead, m_settings.deadAfterMs);
        if (!marked)
            return marked.error();
        if (!marked.value())
            continue;
        ++found;
        cleanUpAfter(node, silentReason(node));
    }
    // What a finder that died itself left half done; each job is ended once, by whoever ends
    // it first.
    const Result<QList<ClusterNode>> unfinished = m_nodes.downWithUnfinishedJobs();
    if (!unfinished)
        return unfinished.error();
    for (const ClusterNode &node : unfinished.value()) {
        cleanUpAfter(node, silentReason(node));
    }
    return found;
}

void ClusterMembership::beat()
{
    const Result<bool> beaten = m_nodes.beat(node().id);
    if (!beaten) {
        qCWarning(lcCluster).noquote() << "heartbeat failed:" << beaten.error().message;
        const QMutexLocker lock(&m_mutex);
        m_beatingSince.invalidate();
        return;
    }
    if (!beaten.value()) {
        // Silent too long (a stalled process, a database out of reach): another node marked this
        // one dead and interrupted its jobs. They stop; whatever they still do changes nothing.
        qCCritical(lcCluster).noquote()
            << "this node was found dead by another (silent for" << m_settings.deadAfterMs
            << "ms); its jobs were interrupted. Registering again.";
        m_jobs.stopEveryJob();
        {
            const QMutexLocker lock(&m_mutex);
            m_beatingSince.invalidate();
        }
        const Result<ClusterNode> again = registerNode();
        if (!again)
            qCWarning(lcCluster).noquote() << "registering again failed:" << again.error().message;
        return;
    }
    const QMutexLocker lock(&m_mutex);
    // A beat that hung (a partition, a failover) and then went through is a gap as much as one
    // that failed: others' beats may still be hanging the same way.
    if (!m_beatingSince.isValid() ||
        (m_lastBeat.isValid() && m_lastBeat.elapsed() > 2LL * m_settings.heartbeatMs))
        m_beatingSince.start();
    m_lastBeat.start();
}

void ClusterMembership::start(std::function<void()> afterLook)
{
    const QMutexLocker lock(&m_mutex);
    if (m_heartbeat)
        return;
    m_afterLook = std::move(afterLook);
    m_stopping = false;
    m_heartbeat.reset(QThread::create([this] { every([this] { beat(); }); }));
    m_heartbeat->setObjectName(QStringLiteral("cluster heartbeat"));
    m_heartbeat->start();
    m_watcher.reset(QThread::create([this] {
        every([this] {
            bool mayJudge = false;
            std::function<void()> afterLook;
            {
                const QMutexLocker lock(&m_mutex);
                mayJudge =
                    m_beatingSince.isValid() && m_beatingSince.elapsed() >= m_settings.deadAfterMs;
                afterLook = m_afterLook;
            }
            if (mayJudge) {
                const Result<int> dead = findDead();
                if (!dead)
                    qCWarning(lcCluster).noquote()
                        << "looking for dead nodes failed:" << dead.error().message;
            }
            if (afterLook)
                afterLook();
        });
    }));
    m_watcher->setObjectName(QStringLiteral("cluster watcher"));
    m_watcher->start();
}

void ClusterMembership::every(const std::function<void()> &round)
{
    QMutexLocker lock(&m_mutex);
    while (!m_stopping) {
        m_wake.wait(&m_mutex, QDeadlineTimer(m_settings.heartbeatMs));
        if (m_stopping)
            break;
        lock.unlock();
        round();
        lock.relock();
    }
}

void ClusterMembership::stopThreads()
{
    std::unique_ptr<QThread> heartbeat;
    std::unique_ptr<QThread> watcher;
    {
        const QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
        heartbeat = std::move(m_heartbeat);
        watcher = std::move(m_watcher);
    }
    if (heartbeat)
        heartbeat->wait();
    if (watcher)
        watcher->wait();
}

void ClusterMembership::leave()
{
    stopThreads();
    const qint64 id = node().id;
    if (id == 0)
        return;
    // Jobs that outlived the shutdown's deadline are cleaned up as a dead node's are, by
    // whoever finds this node silent (another node, or this one started again).
    const Result<QList<Job>> unfinished = m_jobs.repository().unfinished(id);
    if (!unfinished || !unfinished->isEmpty()) {
        qCWarning(lcCluster).noquote()
            << "leaving with unfinished jobs; they will be interrupted once this node is found "
               "silent";
        return;
    }
    const Result<bool> left = m_nodes.markDown(id, ClusterNode::State::Stopped);
    if (!left)
        qCWarning(lcCluster).noquote() << "leaving the cluster failed:" << left.error().message;
}

} // namespace Cairn
