#include "WaitCondition.h"

namespace Cairn {

bool WaitCondition::wait(QMutex *mutex, QDeadlineTimer deadline)
{
    if (deadline.isForever()) {
        m_condition.wait(*mutex);
        return true;
    }
    return m_condition.wait_until(*mutex, deadline.deadline<std::chrono::steady_clock>()) ==
           std::cv_status::no_timeout;
}

void WaitCondition::wakeAll()
{
    m_condition.notify_all();
}

} // namespace Cairn
