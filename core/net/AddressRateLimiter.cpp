#include "AddressRateLimiter.h"

#include <QHostAddress>

namespace Cairn {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;
// Past this many addresses, full buckets are dropped (at most once a second) before another is
// added; at the hard cap, new addresses wait until old ones are dropped.
constexpr qsizetype PruneAbove = 4096;
constexpr qsizetype HardCap = 65536;
constexpr qint64 PruneIntervalMs = 1000;

} // namespace

AddressRateLimiter::AddressRateLimiter(int perMinute)
    : m_perMinute(perMinute)
{
    m_clock.start();
}

QString AddressRateLimiter::clientOf(const QString &address)
{
    // One IPv6 host owns a whole /64: counting its addresses one by one would give it 2^64
    // buckets.
    QHostAddress host(address);
    if (host.protocol() != QAbstractSocket::IPv6Protocol || host.toIPv4Address() != 0)
        return address;
    Q_IPV6ADDR bytes = host.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

AddressRateLimiter::Bucket *AddressRateLimiter::refilled(const QString &key, qint64 nowMs)
{
    auto found = m_buckets.find(key);
    if (found == m_buckets.end()) {
        if (m_buckets.size() >= PruneAbove && nowMs - m_prunedMs >= PruneIntervalMs) {
            forgetFullBuckets(nowMs);
            m_prunedMs = nowMs;
        }
        if (m_buckets.size() >= HardCap)
            return nullptr;
        found = m_buckets.insert(key, Bucket{double(m_perMinute), nowMs});
    }
    Bucket &bucket = found.value();
    bucket.tokens = qMin<double>(m_perMinute, bucket.tokens + double(nowMs - bucket.updatedMs) *
                                                                  m_perMinute / MinuteMs);
    bucket.updatedMs = nowMs;
    return &bucket;
}

bool AddressRateLimiter::take(const QString &address)
{
    if (m_perMinute <= 0)
        return true;
    const QMutexLocker locker(&m_mutex);
    Bucket *bucket = refilled(clientOf(address), m_clock.elapsed());
    if (!bucket || bucket->tokens < 1)
        return false;
    bucket->tokens -= 1;
    return true;
}

void AddressRateLimiter::giveBack(const QString &address)
{
    if (m_perMinute <= 0)
        return;
    const QMutexLocker locker(&m_mutex);
    // Only a bucket that exists: giving back never makes one (the table has a hard cap).
    const auto found = m_buckets.find(clientOf(address));
    if (found != m_buckets.end())
        found->tokens = qMin(found->tokens + 1, double(m_perMinute));
}

bool AddressRateLimiter::hasToken(const QString &address)
{
    if (m_perMinute <= 0)
        return true;
    const QMutexLocker locker(&m_mutex);
    const Bucket *bucket = refilled(clientOf(address), m_clock.elapsed());
    return bucket && bucket->tokens >= 1;
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
