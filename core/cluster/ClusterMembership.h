#pragma once

#include "ClusterNode.h"
#include "ClusterNodeRepository.h"
#include "Result.h"
#include "WaitCondition.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <functional>
#include <memory>

namespace Cairn {

class Database;
class JobManager;

struct ClusterSettings
{
    QString nodeName;
    int clusterId = 1;
    // Where this node's API listens (host:port), for administrators reading the registry.
    QString address;
    // How often the node beats, and how long a node may stay silent before another finds it
    // dead and interrupts its jobs: long enough for a slow database, short enough that jobs of
    // a killed node are not shown running for long.
    int heartbeatMs = 2000;
    int deadAfterMs = 15000;
};

// This process as a node of the cluster sharing its database: registered under its name,
// beating on a thread of its own, and watching the others on another (cleaning up after a
// dead node never delays a beat). A node silent for deadAfterMs is marked dead by the first
// node to notice (a conditional update: exactly one does), which then interrupts that node's
// unfinished jobs, after their kinds' recoveries. A node judges others only once its own beats
// have gone through for deadAfterMs without a gap: after the database was out of reach, every
// node looks silent, and none is dead. On SQLite, the single node default, the same holds for
// a server restarted after a crash.
class ClusterMembership
{
public:
    ClusterMembership(Database &database, JobManager &jobs, ClusterSettings settings);
    // Stops beating; the row stays up (leave() says it stopped) and others will find it silent.
    ~ClusterMembership();
    Q_DISABLE_COPY_MOVE(ClusterMembership)

    // Registers this process under its name. The node's previous process (same name, gone)
    // is marked dead and its unfinished jobs interrupted. Refused while another live process
    // holds the name: nodes sharing a name would interrupt each other's jobs.
    Result<ClusterNode> join();
    // From now on beats every heartbeatMs, and as often looks for dead nodes (once it may
    // judge) and calls `afterLook` (on the watching thread).
    void start(std::function<void()> afterLook = {});
    // Stops beating and records this node as stopped: call once its jobs have ended (with jobs
    // still unfinished it stays up, to be found silent and cleaned up after).
    void leave();
    ClusterNode node() const;
    // Where the API listens once it does (a port chosen at listening).
    void setAddress(const QString &address);
    // One heartbeat, as the heartbeat thread does.
    void beat();
    // Marks nodes silent for deadAfterMs dead and interrupts their jobs, then finishes the
    // cleanup of dead nodes whose finder stopped half-way; how many nodes were found dead.
    Result<int> findDead();

private:
    // Loops calling `round` every heartbeatMs until stopped.
    void every(const std::function<void()> &round);
    void stopThreads();
    // Whether the process recorded as `node`, silent for `silentMs`, may still be running.
    bool mayBeRunning(const ClusterNode &node, qint64 silentMs) const;
    Result<ClusterNode> registerNode();
    // Interrupts the unfinished jobs of `node`, which is gone.
    void cleanUpAfter(const ClusterNode &node, const QString &why);

    Database &m_database;
    JobManager &m_jobs;
    ClusterSettings m_settings;
    ClusterNodeRepository m_nodes;
    mutable QMutex m_mutex;
    WaitCondition m_wake;
    ClusterNode m_node;
    // Since when the beats have gone through without a gap (invalid: the last one failed).
    QElapsedTimer m_beatingSince;
    // When the last beat went through.
    QElapsedTimer m_lastBeat;
    bool m_stopping = false;
    std::function<void()> m_afterLook;
    std::unique_ptr<QThread> m_heartbeat;
    std::unique_ptr<QThread> m_watcher;
};

} // namespace Cairn
