#pragma once

#include <QMutex>
#include <QWaitCondition>
#include <memory>

class QThread;

namespace Cairn {

class VirtService;

// Keeps the synchronised state fresh: synchronises every hypervisor at start and then every
// `intervalSeconds`, on a thread of its own (libvirt calls block).
class VirtPoller
{
public:
    VirtPoller(VirtService &virt, int intervalSeconds);
    // Stops and waits for the round in progress.
    ~VirtPoller();
    Q_DISABLE_COPY_MOVE(VirtPoller)

    void start();

private:
    void run();

    VirtService &m_virt;
    int m_intervalMs;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Cairn
