#include "SerialWorker.h"

#include <QThread>
#include <algorithm>

namespace Cairn {

SerialWorker::SerialWorker(const QString &threadName, int classes)
    : m_queues(std::size_t(classes))
    , m_thread(QThread::create([this] { run(); }))
{
    m_thread->setObjectName(threadName);
    m_thread->start();
}

SerialWorker::~SerialWorker()
{
    {
        const QMutexLocker locker(&m_lock);
        m_stopping = true;
        m_changed.wakeAll();
    }
    m_thread->wait();
}

void SerialWorker::post(int taskClass, std::function<void()> task)
{
    const QMutexLocker locker(&m_lock);
    m_queues.at(std::size_t(taskClass)).push_back(std::move(task));
    ++m_pending;
    m_changed.wakeAll();
}

void SerialWorker::waitForDone()
{
    QMutexLocker locker(&m_lock);
    while (m_pending > 0)
        m_changed.wait(&m_lock);
}

qsizetype SerialWorker::pending() const
{
    const QMutexLocker locker(&m_lock);
    return m_pending;
}

void SerialWorker::run()
{
    QMutexLocker locker(&m_lock);
    for (;;) {
        const auto queue = std::find_if(m_queues.rbegin(), m_queues.rend(),
                                        [](const auto &tasks) { return !tasks.empty(); });
        if (queue == m_queues.rend()) {
            if (m_stopping)
                return;
            m_changed.wait(&m_lock);
            continue;
        }
        std::function<void()> task = std::move(queue->front());
        queue->pop_front();
        locker.unlock();
        task();
        // Its captures go before the next task, outside the lock.
        task = nullptr;
        locker.relock();
        --m_pending;
        m_changed.wakeAll();
    }
}

} // namespace Cairn
