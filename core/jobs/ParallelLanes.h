#pragma once

#include <functional>

namespace Cairn {

// Items of one job side by side (a bulk execution's devices, a service run's devices), on
// threads shared by every job and kept between them with their database connections: starting
// threads for each job cost more than the items.
class ParallelLanes
{
public:
    static constexpr int MaxThreads = 64;

    // Calls `each(index)` for every index in [0, count), at most `workers` at once, and returns
    // when all have returned. The calling thread takes items too, so lanes started from a lane
    // always progress however busy the shared threads are.
    static void run(int count, int workers, const std::function<void(int)> &each);
};

} // namespace Cairn
