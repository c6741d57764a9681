#include "VirtPoller.h"

#include "VirtService.h"
#include "jobs/PoolTask.h"

#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcVirtPoller, "cairn.virt")

namespace Cairn {

namespace {

// Hypervisors synchronised at once; more wait for a free thread (and are not started twice).
constexpr int MaxConcurrentSynchronisations = 16;

} // namespace

VirtPoller::VirtPoller(VirtService &virt, int intervalSeconds)
    : m_virt(virt)
    , m_intervalMs(intervalSeconds * 1000)
{
    m_pool.setMaxThreadCount(MaxConcurrentSynchronisations);
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
    m_pool.waitForDone();
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
        startRound();
        locker.relock();
        if (!m_stopping)
            m_wake.wait(&m_mutex, QDeadlineTimer(m_intervalMs));
    }
}

void VirtPoller::startRound()
{
    const Result<QList<Hypervisor>> hypervisors = m_virt.registered();
    if (!hypervisors) {
        qCWarning(lcVirtPoller).noquote()
            << "cannot read the hypervisors:" << hypervisors.error().message;
        return;
    }
    for (const Hypervisor &hypervisor : hypervisors.value()) {
        {
            const QMutexLocker locker(&m_mutex);
            if (m_stopping || m_inFlight.contains(hypervisor.id))
                continue;
            m_inFlight.insert(hypervisor.id);
        }
        m_pool.start(poolTask([this, hypervisor] { synchronise(hypervisor); }));
    }
}

void VirtPoller::synchronise(const Hypervisor &hypervisor)
{
    const Result<Hypervisor> synchronised = m_virt.synchronise(hypervisor);
    if (!synchronised)
        qCInfo(lcVirtPoller).noquote()
            << "hypervisor" << hypervisor.uri << "-" << synchronised.error().message;
    const QMutexLocker locker(&m_mutex);
    m_inFlight.remove(hypervisor.id);
}

} // namespace Cairn
