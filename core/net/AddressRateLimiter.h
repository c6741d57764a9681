#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace Cairn {

// A token bucket per client address (per /64 for IPv6): `perMinute` requests a minute, in
// bursts of as many. Buckets that have filled up again are forgotten once the table grows, so
// it holds only recent callers, and never more than a fixed number. Thread-safe.
class AddressRateLimiter
{
public:
    // 0: no limit.
    explicit AddressRateLimiter(int perMinute);

    // Takes one token of the address's bucket; false when it has none left.
    bool take(const QString &address);
    // Whether the address has a token left, without taking it.
    bool hasToken(const QString &address);
    // Returns a token taken for something that turned out not to count.
    void giveBack(const QString &address);
    // The client an address stands for: itself, or its /64 for IPv6.
    static QString clientOf(const QString &address);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    void forgetFullBuckets(qint64 nowMs);
    // The key's bucket refilled to now (a new, full one when unknown); nullptr at the hard cap.
    Bucket *refilled(const QString &key, qint64 nowMs);

    const int m_perMinute;
    QMutex m_mutex;
    QElapsedTimer m_clock;
    QHash<QString, Bucket> m_buckets;
    qint64 m_prunedMs = 0;
};

} // namespace Cairn
