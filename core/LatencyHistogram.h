#pragma once

#include <QtGlobal>
#include <array>

namespace Cairn {

// How long things took, counted in the buckets of a Prometheus histogram (requests by route,
// claims on the job queue).
struct LatencyHistogram
{
    // Upper bounds in seconds; the last bucket (+Inf) is the count.
    static constexpr std::array<double, 12> Buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

    // Observations no slower than each bound (cumulative, as Prometheus reads them).
    std::array<qint64, Buckets.size()> buckets{};
    double seconds = 0;
    qint64 count = 0;

    void observe(double seconds);
    void add(const LatencyHistogram &other);
};

} // namespace Cairn
