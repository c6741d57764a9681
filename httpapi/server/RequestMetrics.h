#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <array>

namespace Cairn {

// Requests one listener thread answered, by route and status, with their latencies in the
// buckets of a Prometheus histogram. One per thread, so counting takes an uncontended lock;
// a scrape adds them up. Routes are the patterns requests matched ("GET /api/devices/{id}/"),
// never raw paths, so the series stay as few as the routes.
class RequestMetrics
{
public:
    // Upper bounds in seconds; the last bucket (+Inf) is the count.
    static constexpr std::array<double, 12> Buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

    struct Route
    {
        QHash<int, qint64> byStatus;
        // Requests no slower than each bound (cumulative, as Prometheus reads them).
        std::array<qint64, Buckets.size()> buckets{};
        double seconds = 0;
        qint64 count = 0;

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
