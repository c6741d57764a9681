#include "RequestMetrics.h"

namespace Cairn {

void RequestMetrics::Route::add(const Route &other)
{
    for (auto it = other.byStatus.cbegin(); it != other.byStatus.cend(); ++it)
        byStatus[it.key()] += it.value();
    for (std::size_t i = 0; i < buckets.size(); ++i)
        buckets[i] += other.buckets[i];
    seconds += other.seconds;
    count += other.count;
}

void RequestMetrics::observe(const QByteArray &route, int status, qint64 nanoseconds)
{
    const double seconds = double(nanoseconds) / 1e9;
    const QMutexLocker lock(&m_mutex);
    Route &counted = m_routes[route];
    ++counted.byStatus[status];
    for (std::size_t i = 0; i < Buckets.size(); ++i) {
        if (seconds <= Buckets[i])
            ++counted.buckets[i];
    }
    counted.seconds += seconds;
    ++counted.count;
}

void RequestMetrics::addTo(QHash<QByteArray, Route> &totals) const
{
    const QMutexLocker lock(&m_mutex);
    for (auto it = m_routes.cbegin(); it != m_routes.cend(); ++it)
        totals[it.key()].add(it.value());
}

} // namespace Cairn
