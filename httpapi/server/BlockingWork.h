#pragma once

#include <QThreadPool>
#include <atomic>
#include <functional>

namespace Cairn {

// One server's pool for deferred answers (device, hypervisor, plugin and hashing work). The API
// and the ZTP listener each have their own, so a flood on one cannot starve the other, and work
// beyond its threads plus its queue is refused at once (the listener answers 503) instead of
// queueing without end.
class BlockingWork
{
public:
    struct Limits
    {
        // Device and hypervisor calls wait on the network, not on the CPU: many threads.
        int threads = 128;
        // Accepted work waiting for a thread, beyond which new work is refused.
        int queued = 1024;
    };

    explicit BlockingWork(const Limits &limits);
    ~BlockingWork();
    Q_DISABLE_COPY_MOVE(BlockingWork)

    // Holds a place for one more piece of work; false when threads and queue are all taken.
    bool reserve();
    // Runs work that holds a place (reserve()), or that continues an answer already under way.
    QThreadPool &pool() { return m_pool; }
    // Gives back a place once its work has ended.
    void release() { m_pending.fetch_sub(1); }
    void waitForDone() { m_pool.waitForDone(); }

private:
    QThreadPool m_pool;
    std::atomic<int> m_pending{0};
    int m_capacity;
};

} // namespace Cairn
