#include "LatencyHistogram.h"

namespace Cairn {

void LatencyHistogram::observe(double took)
{
    for (std::size_t i = 0; i < Buckets.size(); ++i) {
        if (took <= Buckets[i])
            ++buckets[i];
    }
    seconds += took;
    ++count;
}

void LatencyHistogram::add(const LatencyHistogram &other)
{
    for (std::size_t i = 0; i < buckets.size(); ++i)
        buckets[i] += other.buckets[i];
    seconds += other.seconds;
    count += other.count;
}

} // namespace Cairn
