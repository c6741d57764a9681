// Each listener's deferred work is bounded: past its threads and queue, new work is refused at
// once (the listener answers 503) instead of queueing without end.
#include "server/BlockingWork.h"

#include <gtest/gtest.h>

using namespace Cairn;

TEST(BlockingWork, RefusesWorkBeyondThreadsAndQueue)
{
    BlockingWork work(BlockingWork::Limits{2, 3});
    for (int place = 0; place < 5; ++place)
        ASSERT_TRUE(work.reserve()) << place;
    EXPECT_FALSE(work.reserve());
    work.release();
    EXPECT_TRUE(work.reserve());
    EXPECT_FALSE(work.reserve());
    for (int place = 0; place < 5; ++place)
        work.release();
}

TEST(BlockingWork, ListenersHaveTheirOwn)
{
    BlockingWork api(BlockingWork::Limits{1, 0});
    BlockingWork ztp(BlockingWork::Limits{1, 0});
    ASSERT_TRUE(ztp.reserve());
    EXPECT_FALSE(ztp.reserve());
    EXPECT_TRUE(api.reserve()) << "a full ZTP pool holds up no API work";
    api.release();
    ztp.release();
}
