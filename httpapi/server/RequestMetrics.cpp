#include "RequestMetrics.h"

namespace Cairn {

void RequestMetrics::Route::add(const Route &other)
{
    for (auto it = other.byStatus.cbegin(); it != other.byStatus.cend(); ++it)
        byStatus[it.key()] += it.value();
    latency.add(other.latency);
}

void RequestMetrics::observe(const QByteArray &route, int status, qint64 nanoseconds)
{
    const QMutexLocker lock(&m_mutex);
    Route &counted = m_routes[route];
    ++counted.byStatus[status];
    counted.latency.observe(double(nanoseconds) / 1e9);
}

void RequestMetrics::addTo(QHash<QByteArray, Route> &totals) const
{
    const QMutexLocker lock(&m_mutex);
    for (auto it = m_routes.cbegin(); it != m_routes.cend(); ++it)
        totals[it.key()].add(it.value());
}

} // namespace Cairn
