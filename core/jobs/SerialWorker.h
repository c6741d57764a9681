#pragma once

#include "WaitCondition.h"

#include <QMutex>
#include <QString>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace Cairn {

// Runs tasks one at a time on a thread of its own. Queued tasks of a higher class run before
// those of lower ones; within a class, in the order posted. QThreadPool's priorities do not
// keep that order: a task handed to a waiting thread is queued at priority 0, so a task of a
// higher priority posted just after it runs first.
class SerialWorker
{
public:
    SerialWorker(const QString &threadName, int classes);
    // Runs what is queued, then stops.
    ~SerialWorker();
    SerialWorker(const SerialWorker &) = delete;
    SerialWorker &operator=(const SerialWorker &) = delete;

    // `taskClass` from 0 (last) to classes - 1 (first).
    void post(int taskClass, std::function<void()> task);
    // Blocks until nothing is queued or running.
    void waitForDone();
    // Tasks queued or running.
    qsizetype pending() const;

private:
    void run();

    mutable QMutex m_lock;
    WaitCondition m_changed;
    std::vector<std::deque<std::function<void()>>> m_queues;
    qsizetype m_pending = 0;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Cairn
