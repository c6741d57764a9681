#include "ParallelLanes.h"

#include "PoolTask.h"

#include <QRunnable>
#include <QThreadPool>
#include <QtGlobal>
#include <atomic>
#include <memory>
#include <semaphore>
#include <vector>

namespace Cairn {

namespace {

QThreadPool &sharedThreads()
{
    static QThreadPool *const pool = [] {
        auto *threads = new QThreadPool;
        threads->setMaxThreadCount(ParallelLanes::MaxThreads);
        threads->setExpiryTimeout(10 * 60 * 1000);
        return threads;
    }();
    return *pool;
}

} // namespace

void ParallelLanes::run(int count, int workers, const std::function<void(int)> &each)
{
    std::atomic_int next = 0;
    const auto work = [&] {
        for (int index = next++; index < count; index = next++)
            each(index);
    };
    // A std semaphore, not QSemaphore: its atomics are compiled here, so ThreadSanitizer sees
    // that what a helper did happens before the wait below returns.
    std::counting_semaphore<MaxThreads> finished(0);
    std::vector<std::unique_ptr<QRunnable>> helpers;
    const int helperCount = qBound(0, qMin(workers, count) - 1, MaxThreads);
    for (int helper = 0; helper < helperCount; ++helper) {
        helpers.emplace_back(poolTask([&] {
            work();
            finished.release();
        }));
        helpers.back()->setAutoDelete(false);
        sharedThreads().start(helpers.back().get());
    }
    work();
    // Helpers still queued when every item is taken are withdrawn, not waited for: with every
    // shared thread busy they might never start.
    int started = 0;
    for (const std::unique_ptr<QRunnable> &helper : helpers) {
        if (!sharedThreads().tryTake(helper.get()))
            ++started;
    }
    for (int helper = 0; helper < started; ++helper)
        finished.acquire();
}

} // namespace Cairn
