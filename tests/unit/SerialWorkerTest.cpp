#include "jobs/SerialWorker.h"

#include <QMutex>
#include <QSet>
#include <QStringList>
#include <QThread>
#include <gtest/gtest.h>
#include <latch>
#include <thread>

using namespace Cairn;

namespace {

// Queued tasks run by class, the highest first, and in the order posted within a class.
TEST(SerialWorker, QueuedTasksRunByClassThenInOrder)
{
    QStringList ran;
    std::latch release(1);
    {
        SerialWorker worker(QStringLiteral("test"), 3);
        worker.post(0, [&release] { release.wait(); });
        worker.post(0, [&ran] { ran << QStringLiteral("progress 1"); });
        worker.post(1, [&ran] { ran << QStringLiteral("inventory 1"); });
        worker.post(2, [&ran] { ran << QStringLiteral("record 1"); });
        worker.post(1, [&ran] { ran << QStringLiteral("inventory 2"); });
        worker.post(2, [&ran] { ran << QStringLiteral("record 2"); });
        EXPECT_EQ(worker.pending(), 6);
        release.count_down();
        worker.waitForDone();
        EXPECT_EQ(worker.pending(), 0);
    }
    EXPECT_EQ(ran, (QStringList{QStringLiteral("record 1"), QStringLiteral("record 2"),
                                QStringLiteral("inventory 1"), QStringLiteral("inventory 2"),
                                QStringLiteral("progress 1")}));
}

// What QThreadPool got wrong for ZTP: a task posted to an idle worker, then one of a higher
// class that depends on it. Whatever the timing, a lower class posted after a higher one by
// the same thread never runs first, and every task runs on the worker's one thread.
TEST(SerialWorker, ATaskPostedAfterAnotherNeverOvertakesItFromALowerClass)
{
    constexpr int Posters = 4;
    constexpr int Pairs = 500;
    QMutex lock;
    QSet<int> recorded;
    int overtaken = 0;
    QSet<QThread *> threads;
    {
        SerialWorker worker(QStringLiteral("test"), 3);
        std::vector<std::thread> posters;
        posters.reserve(Posters);
        for (int p = 0; p < Posters; ++p)
            posters.emplace_back([&, p] {
                for (int i = 0; i < Pairs; ++i) {
                    const int key = p * Pairs + i;
                    worker.post(2, [&, key] {
                        const QMutexLocker locker(&lock);
                        recorded.insert(key);
                        threads.insert(QThread::currentThread());
                    });
                    worker.post(1, [&, key] {
                        const QMutexLocker locker(&lock);
                        overtaken += recorded.contains(key) ? 0 : 1;
                    });
                    if (i % 50 == 0)
                        worker.waitForDone();
                }
            });
        for (std::thread &poster : posters)
            poster.join();
    }
    EXPECT_EQ(recorded.size(), Posters * Pairs);
    EXPECT_EQ(overtaken, 0);
    EXPECT_EQ(threads.size(), 1);
}

// A worker destroyed with work queued runs it first: nothing asked for is dropped.
TEST(SerialWorker, DestroyingItRunsWhatIsQueued)
{
    int ran = 0;
    std::latch release(1);
    {
        SerialWorker worker(QStringLiteral("test"), 1);
        worker.post(0, [&release] { release.wait(); });
        for (int i = 0; i < 100; ++i)
            worker.post(0, [&ran] { ++ran; });
        release.count_down();
    }
    EXPECT_EQ(ran, 100);
}

} // namespace
