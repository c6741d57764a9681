#include "RunEvents.h"

namespace Cairn {

RunEvents::Follower::~Follower()
{
    const QMutexLocker lock(&m_events.m_mutex);
    --m_events.m_followers;
}

void RunEvents::forgetOld()
{
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        if (it->ended && it->forgetAt.hasExpired())
            it = m_runs.erase(it);
        else
            ++it;
    }
}

void RunEvents::started(qint64 runId)
{
    const QMutexLocker lock(&m_mutex);
    forgetOld();
    if (!m_runs.contains(runId))
        m_runs.insert(runId, Run{});
    m_changed.wakeAll();
}

void RunEvents::publish(qint64 runId, const QJsonObject &event)
{
    const QMutexLocker lock(&m_mutex);
    const auto run = m_runs.find(runId);
    if (run == m_runs.end() || run->ended)
        return;
    if (run->events.size() >= MaxEventsPerRun) {
        if (!run->dropped)
            run->events << QJsonObject{{QStringLiteral("type"), QStringLiteral("dropped")}};
        run->dropped = true;
        return;
    }
    // Progress replaces the progress just before it: only the latest matters to a follower.
    const auto isProgress = [](const QJsonObject &object) {
        return object.value(QLatin1String("type")).toString() == u"progress";
    };
    if (isProgress(event) && !run->events.isEmpty() && run->events.size() > run->followedUpTo &&
        isProgress(run->events.last()))
        run->events.last() = event;
    else
        run->events << event;
    m_changed.wakeAll();
}

void RunEvents::ended(qint64 runId, const QJsonObject &event)
{
    const QMutexLocker lock(&m_mutex);
    const auto run = m_runs.find(runId);
    if (run == m_runs.end())
        return;
    run->events << event;
    run->ended = true;
    run->forgetAt = QDeadlineTimer(KeepAfterEndMs);
    m_changed.wakeAll();
}

bool RunEvents::has(qint64 runId)
{
    const QMutexLocker lock(&m_mutex);
    forgetOld();
    return m_runs.contains(runId);
}

bool RunEvents::waitFor(qint64 runId, QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_mutex);
    while (!m_runs.contains(runId) && !deadline.hasExpired())
        m_changed.wait(&m_mutex, deadline);
    return m_runs.contains(runId);
}

std::unique_ptr<RunEvents::Follower> RunEvents::follow()
{
    const QMutexLocker lock(&m_mutex);
    if (m_followers >= MaxFollowers)
        return nullptr;
    ++m_followers;
    return std::make_unique<Follower>(*this);
}

RunEvents::Batch RunEvents::next(qint64 runId, qsizetype cursor, QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        const auto run = m_runs.find(runId);
        if (run == m_runs.end())
            return {{}, cursor, true};
        if (cursor < run->events.size() || run->ended) {
            Batch batch;
            batch.events = run->events.mid(cursor, MaxBatch);
            batch.cursor = cursor + batch.events.size();
            batch.ended = run->ended && batch.cursor == run->events.size();
            run->followedUpTo = qMax(run->followedUpTo, batch.cursor);
            return batch;
        }
        if (deadline.hasExpired() || !m_changed.wait(&m_mutex, deadline))
            return {{}, cursor, false};
    }
}

} // namespace Cairn
