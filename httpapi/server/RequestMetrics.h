#pragma once

#include "LatencyHistogram.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

namespace Cairn {

// Requests one listener thread answered, by route and status, with their latencies in the
// buckets of a Prometheus histogram. One per thread, so counting takes an uncontended lock;
// a scrape adds them up. Routes are the patterns requests matched ("GET /api/devices/{id}/"),
// never raw paths, so the series stay as few as the routes.
class RequestMetrics
{
public:
    struct Route
    {
        QHash<int, qint64> byStatus;
        LatencyHistogram latency;

        void add(const Route &other);
    };

    void observe(const QByteArray &route, int status, qint64 nanoseconds);
    // This thread's figures added to `totals`.
    void addTo(QHash<QByteArray, Route> &totals) const;

private:
    mutable QMutex m_mutex;
    QHash<QByteArray, Route> m_routes;
};

} // namespace Cairn
