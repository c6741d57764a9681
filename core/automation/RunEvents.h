#pragma once

#include "WaitCondition.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <memory>
#include <optional>

namespace Cairn {

// What happens in running runs, as it happens, for those who follow one (the GUI, a script on
// /api/runs/<runtime>/events/) instead of polling: each step's result on each device, progress,
// and the end. A run's events are kept from its start while it runs, so a late follower gets
// them all, and for a little while after its end; followers are few and each waits on its own.
class RunEvents
{
public:
    // Most events one run keeps (a workflow on thousands of devices stays within memory); past
    // this, followers are told events were dropped.
    static constexpr qsizetype MaxEventsPerRun = 100000;
    // Followers at once, for the whole server: each holds a thread while it waits.
    static constexpr int MaxFollowers = 32;
    // How long an ended run's events stay for followers still reading them.
    static constexpr int KeepAfterEndMs = 60 * 1000;
    // Most events one call of next() gives.
    static constexpr qsizetype MaxBatch = 1000;

    struct Batch
    {
        QList<QJsonObject> events;
        // Where the next call goes on from.
        qsizetype cursor = 0;
        // The run has ended and every event has been given.
        bool ended = false;
    };

    // A follower's place: taken while it follows, given back when destroyed.
    class Follower
    {
    public:
        explicit Follower(RunEvents &events)
            : m_events(events)
        {
        }
        ~Follower();
        Follower(const Follower &) = delete;
        Follower &operator=(const Follower &) = delete;

    private:
        RunEvents &m_events;
    };

    // From now on the run's events are kept (again: nothing changes once it is known).
    void started(qint64 runId);
    void publish(qint64 runId, const QJsonObject &event);
    void ended(qint64 runId, const QJsonObject &event);
    // Whether the run's events are here (it runs, or ended a moment ago).
    bool has(qint64 runId);
    // Waits until the run's events are here (it started here) or `deadline`; whether they are.
    bool waitFor(qint64 runId, QDeadlineTimer deadline);
    // A place to follow from; none when MaxFollowers already follow.
    std::unique_ptr<Follower> follow();
    // The events after `cursor`, waiting until there are some, the run ends or `deadline`.
    Batch next(qint64 runId, qsizetype cursor, QDeadlineTimer deadline);

private:
    struct Run
    {
        QList<QJsonObject> events;
        bool ended = false;
        bool dropped = false;
        // Events up to here went to a follower: never replaced afterwards.
        qsizetype followedUpTo = 0;
        QDeadlineTimer forgetAt;
    };

    // Ended runs past their time; the caller holds the mutex.
    void forgetOld();

    QMutex m_mutex;
    WaitCondition m_changed;
    QHash<qint64, Run> m_runs;
    int m_followers = 0;
};

} // namespace Cairn
