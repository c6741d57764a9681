#pragma once

#include "Hypervisor.h"
#include "WaitCondition.h"

#include <QMutex>
#include <QSet>
#include <QThreadPool>
#include <memory>

class QThread;

namespace Cairn {

class VirtService;

// Keeps the synchronised state fresh: every `intervalSeconds` (and at start) each hypervisor is
// synchronised on a pool thread of its own. A hypervisor still being synchronised is skipped,
// so a slow or hung one delays nobody else, not even the next rounds.
class VirtPoller
{
public:
    VirtPoller(VirtService &virt, int intervalSeconds);
    // Stops the rounds and waits for the synchronisations in progress (libvirt calls cannot be
    // cancelled; they end with the hypervisor's own timeouts).
    ~VirtPoller();
    Q_DISABLE_COPY_MOVE(VirtPoller)

    void start();

private:
    void run();
    void startRound();
    void synchronise(const Hypervisor &hypervisor);

    VirtService &m_virt;
    int m_intervalMs;
    QThreadPool m_pool;
    QMutex m_mutex;
    WaitCondition m_wake;
    bool m_stopping = false;
    // Hypervisors (by id) being synchronised now.
    QSet<qint64> m_inFlight;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Cairn
