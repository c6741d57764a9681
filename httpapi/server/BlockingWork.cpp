#include "BlockingWork.h"

namespace Cairn {

BlockingWork::BlockingWork(const Limits &limits)
    : m_capacity(limits.threads + limits.queued)
{
    m_pool.setMaxThreadCount(limits.threads);
}

BlockingWork::~BlockingWork()
{
    m_pool.waitForDone();
}

bool BlockingWork::reserve()
{
    int pending = m_pending.load();
    do {
        if (pending >= m_capacity)
            return false;
    } while (!m_pending.compare_exchange_weak(pending, pending + 1));
    return true;
}

} // namespace Cairn
