#pragma once

#include "Task.h"
#include "TaskRepository.h"

#include <QDateTime>
#include <QObject>
#include <QThreadPool>
#include <QTimeZone>
#include <QTimer>
#include <atomic>
#include <functional>

namespace Cairn {

// Fires tasks when they are due: one timer set for the earliest next_run_time, so an idle
// scheduler costs nothing (no polling; a cluster node wakes it on each heartbeat, since another
// node may have changed the tasks). A firing moves the task on to its next time (claimed in the
// database, so one firing happens once even with several schedulers on one database) and
// records its run in the same transaction, off this thread; fireDue() returns once recorded. Runs
// missed while the server was down are made up by one run, not one per missed time. Lives in the
// thread that made it (which needs an event loop); wake() may be called from any thread.
class TaskScheduler : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;
    // Given the due tasks in batches, inside the transaction that claimed them: a burst is
    // started a batch at a time, each batch's runs recorded with its claim.
    using Fire = std::function<void(const QList<Task> &)>;

    TaskScheduler(Database &database, const QTimeZone &zone, Clock clock = {},
                  QObject *parent = nullptr);
    ~TaskScheduler() override;

    // From now on, due tasks are given to `fire` (on a worker thread).
    void start(Fire fire);
    // No firing from now on; returns once those under way have ended. Shutdown calls it before
    // the jobs they would start stop.
    void stop();
    // Tasks changed: the timer is set again for the earliest.
    void wake();
    // Fires what is due now and sets the timer for what comes next; how many fired.
    int fireDue();
    bool waitForFired(int timeoutMs) { return m_firing.waitForDone(timeoutMs); }
    // Firings claimed here since start, and how late the last ones were after their time.
    qint64 firings() const { return m_firings.load(); }
    qint64 lastLagMs() const { return m_lastLagMs.load(); }

private:
    void arm();

    Database &m_database;
    TaskRepository m_tasks;
    QTimeZone m_zone;
    Clock m_clock;
    Fire m_fire;
    QTimer m_timer;
    QThreadPool m_firing;
    std::atomic<qint64> m_firings{0};
    std::atomic<qint64> m_lastLagMs{0};
};

} // namespace Cairn
