#include "VirtPoller.h"

#include "VirtService.h"

#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcVirtPoller, "cairn.virt")

namespace Cairn {

VirtPoller::VirtPoller(VirtService &virt, int intervalSeconds)
    : m_virt(virt)
    , m_intervalMs(intervalSeconds * 1000)
{
}

VirtPoller::~VirtPoller()
{
    {
        const QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    if (m_thread)
        m_thread->wait();
}

void VirtPoller::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->start();
}

void VirtPoller::run()
{
    QMutexLocker locker(&m_mutex);
    while (!m_stopping) {
        locker.unlock();
        const Result<void> round = m_virt.synchroniseAll();
        if (!round)
            qCWarning(lcVirtPoller).noquote()
                << "synchronising the hypervisors failed:" << round.error().message;
        locker.relock();
        if (!m_stopping)
            m_wake.wait(&m_mutex, QDeadlineTimer(m_intervalMs));
    }
}

} // namespace Cairn
