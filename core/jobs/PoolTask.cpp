#include "PoolTask.h"

#if defined(__SANITIZE_THREAD__) // GCC's -fsanitize=thread
#define CAIRN_TSAN_HAND_OFF 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CAIRN_TSAN_HAND_OFF 1
#endif
#endif
#ifdef CAIRN_TSAN_HAND_OFF
#include <sanitizer/tsan_interface.h>
#endif

namespace Cairn {

namespace {

#ifdef CAIRN_TSAN_HAND_OFF
// One address for every hand-off: a task reaches it without reading anything its submitter
// wrote. Every task is then ordered after every submission before it, which can hide a race
// between two tasks but never reports one that is not there.
char handOffPoint;
#endif

} // namespace

QRunnable *poolTask(std::function<void()> work)
{
#ifdef CAIRN_TSAN_HAND_OFF
    // Built before the hand-off is marked, so the captures it holds are written before it.
    QRunnable *task = QRunnable::create([work = std::move(work)] {
        __tsan_acquire(&handOffPoint);
        work();
    });
    __tsan_release(&handOffPoint);
    return task;
#else
    return QRunnable::create(std::move(work));
#endif
}

} // namespace Cairn
