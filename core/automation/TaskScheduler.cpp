#include "TaskScheduler.h"

#include "TaskSchedule.h"
#include "db/Transaction.h"
#include "jobs/PoolTask.h"

#include <QSet>
#include <QtDebug>
#include <latch>
#include <vector>

namespace Cairn {

namespace {

// A timer further ahead than this is set again then (QTimer takes an int of milliseconds).
constexpr qint64 LongestWaitMs = 24LL * 3600 * 1000;
// After the database failed to answer, it is asked again this much later.
constexpr int RetryMs = 5000;
// After a claim found tasks another scheduler was claiming, they are looked at again this much
// later.
constexpr int SkippedRetryMs = 100;
// Tasks given to `fire` at once.
constexpr qsizetype BatchSize = 50;

} // namespace

TaskScheduler::TaskScheduler(Database &database, const QTimeZone &zone, Clock clock,
                             QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_tasks(database)
    , m_zone(zone)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { fireDue(); });
    m_firing.setMaxThreadCount(4);
}

TaskScheduler::~TaskScheduler()
{
    m_timer.stop();
    m_firing.waitForDone();
}

void TaskScheduler::start(Fire fire)
{
    m_fire = std::move(fire);
    wake();
}

void TaskScheduler::stop()
{
    // Called from the scheduler's own thread (shutdown): no timer or queued arm() fires after.
    m_fire = {};
    m_timer.stop();
    m_firing.waitForDone();
}

void TaskScheduler::wake()
{
    QMetaObject::invokeMethod(this, &TaskScheduler::arm, Qt::QueuedConnection);
}

void TaskScheduler::arm()
{
    if (!m_fire)
        return;
    const Result<std::optional<qint64>> next = m_tasks.nextDue();
    if (!next) {
        qWarning() << "scheduler: the next task could not be read:" << next.error().message;
        m_timer.start(RetryMs);
        return;
    }
    if (!next->has_value()) {
        m_timer.stop();
        return;
    }
    const qint64 wait =
        qBound<qint64>(0, next->value() - m_clock().toMSecsSinceEpoch(), LongestWaitMs);
    m_timer.start(int(wait));
}

int TaskScheduler::fireDue()
{
    // Stopped (or not started): a claimed firing would be lost.
    if (!m_fire)
        return 0;
    const QDateTime now = m_clock();
    const Result<QList<Task>> due = m_tasks.due(now.toMSecsSinceEpoch());
    if (!due) {
        qWarning() << "scheduler: due tasks could not be read:" << due.error().message;
        m_timer.start(RetryMs);
        return 0;
    }
    QList<TaskRepository::Claim> claims;
    QSet<qint64> unreadable;
    for (const Task &task : due.value()) {
        // The schedule as it was when saved (a start of "now" is the save's now), so its end
        // still comes after its start.
        const Result<TaskSchedule> schedule = TaskSchedule::fromFields(
            task.schedule, QDateTime::fromMSecsSinceEpoch(task.updatedAt, Qt::UTC), m_zone,
            TaskSchedule::PastStart::Taken);
        std::optional<qint64> next;
        if (schedule) {
            const std::optional<QDateTime> after = schedule->nextAfter(now);
            if (after)
                next = after->toMSecsSinceEpoch();
        } else {
            // Moved on (it is over) without firing.
            unreadable.insert(task.id);
            qWarning() << "scheduler: task" << task.name
                       << "has a schedule that no longer reads:" << schedule.error().message;
        }
        claims << TaskRepository::Claim{task, task.nextRunTime.value_or(0), next};
    }
    // Batches small enough that the first runs start at once, large enough that a burst is a
    // few writes; side by side on the firing threads. Each batch claims its tasks and records
    // their runs in one transaction: a node killed in between has claimed nothing, so no firing
    // is lost, and one that another node claimed first is not fired twice.
    QList<QList<TaskRepository::Claim>> batches;
    for (qsizetype at = 0; at < claims.size(); at += BatchSize)
        batches << claims.mid(at, BatchSize);
    std::vector<Result<int>> outcomes(batches.size(),
                                      Error::internal(QStringLiteral("Not fired.")));
    // std::latch, not QSemaphore: ThreadSanitizer sees its ordering (its atomics are compiled
    // here), so the outcomes read after the wait are not reported as races.
    std::latch recorded(batches.size());
    std::atomic_bool skipped = false;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    for (qsizetype i = 0; i < batches.size(); ++i) {
        // Waited for below, so what it refers to outlives it.
        m_firing.start(poolTask([&, i] {
            outcomes[i] = Transaction::run(m_database, [&](const QSqlDatabase &) -> Result<int> {
                const Result<QList<Task>> claimed = m_tasks.claim(batches.at(i), nowMs);
                if (!claimed)
                    return claimed.error();
                if (claimed->size() < batches.at(i).size())
                    skipped = true;
                QList<Task> firing;
                for (const Task &task : claimed.value()) {
                    if (!unreadable.contains(task.id))
                        firing << task;
                    m_lastLagMs = nowMs - task.nextRunTime.value_or(nowMs);
                }
                m_firings += firing.size();
                if (!firing.isEmpty())
                    m_fire(firing);
                return int(firing.size());
            });
            recorded.count_down();
        }));
    }
    recorded.wait();
    int fired = 0;
    bool failed = false;
    for (const Result<int> &outcome : outcomes) {
        if (outcome) {
            fired += outcome.value();
        } else {
            qWarning() << "scheduler: due tasks could not be claimed:" << outcome.error().message;
            failed = true;
        }
    }
    if (failed) {
        // Tried again later, not at once: the tasks are still due, and arm() would wake
        // straight away for them.
        m_timer.start(RetryMs);
        return fired;
    }
    if (skipped) {
        // Another node is claiming some of them (or has): they may still be due once it lets
        // go, and arm() would look again at once, over and over, until it does.
        m_timer.start(SkippedRetryMs);
        return fired;
    }
    arm();
    return fired;
}

} // namespace Cairn
