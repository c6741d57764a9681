#include "ParallelLanes.h"

#include <QRunnable>
#include <QSemaphore>
#include <QThreadPool>
#include <QtGlobal>
#include <atomic>
#include <memory>
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
    QSemaphore finished;
    std::vector<std::unique_ptr<QRunnable>> helpers;
    const int helperCount = qBound(0, qMin(workers, count) - 1, MaxThreads);
    for (int helper = 0; helper < helperCount; ++helper) {
        helpers.emplace_back(QRunnable::create([&] {
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
    finished.acquire(started);
}

} // namespace Cairn
