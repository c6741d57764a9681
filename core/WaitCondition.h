#pragma once

#include <QDeadlineTimer>
#include <QMutex>
#include <condition_variable>

namespace Cairn {

// QWaitCondition's interface over std::condition_variable_any. QWaitCondition releases and
// retakes the QMutex inside QtCore, which Debian builds without ThreadSanitizer, so a TSan
// build sees the waiting thread still holding the mutex: every wake became a "double lock"
// and every access after it a race. Here the mutex is released and retaken through QMutex's
// inline functions, which Qt annotates for TSan, and the wait itself is a pthread wait that
// TSan intercepts. Behaviour is QWaitCondition's: the mutex is held on return.
class WaitCondition
{
public:
    // Waits until woken or the deadline passes; false when it passed.
    bool wait(QMutex *mutex, QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));
    void wakeAll();

private:
    std::condition_variable_any m_condition;
};

} // namespace Cairn
