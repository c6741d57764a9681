#include "AddressRateLimiter.h"

namespace Cairn {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;
// Past this many addresses, full buckets are dropped before another is added.
constexpr qsizetype PruneAbove = 4096;

} // namespace

AddressRateLimiter::AddressRateLimiter(int perMinute)
    : m_perMinute(perMinute)
{
    m_clock.start();
}

bool AddressRateLimiter::take(const QString &address)
{
    if (m_perMinute <= 0)
        return true;
    const QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock.elapsed();
    auto found = m_buckets.find(address);
    if (found == m_buckets.end()) {
        if (m_buckets.size() >= PruneAbove)
            forgetFullBuckets(now);
        found = m_buckets.insert(address, Bucket{double(m_perMinute), now});
    }
    Bucket &bucket = found.value();
    bucket.tokens = qMin<double>(m_perMinute, bucket.tokens + double(now - bucket.updatedMs) *
                                                                  m_perMinute / MinuteMs);
    bucket.updatedMs = now;
    if (bucket.tokens < 1)
        return false;
    bucket.tokens -= 1;
    return true;
}

void AddressRateLimiter::forgetFullBuckets(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (nowMs - it->updatedMs >= MinuteMs)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace Cairn
