#include "SessionPool.h"

namespace Cairn {

SessionLease::SessionLease(SessionPool &pool, QString key, std::unique_ptr<DeviceSession> session)
    : m_pool(pool)
    , m_key(std::move(key))
    , m_session(std::move(session))
{
}

SessionLease::~SessionLease()
{
    m_pool.giveBack(m_key, std::move(m_session));
}

SessionPool::SessionPool(Limits limits)
    : m_limits(limits)
{
}

SessionPool::SessionPool()
    : SessionPool(Limits())
{
}

SessionPool::~SessionPool() = default;

std::unique_ptr<DeviceSession> SessionPool::takeIdle(const QString &key)
{
    std::vector<Idle> &idle = m_idle[key];
    while (!idle.empty()) {
        Idle entry = std::move(idle.back());
        idle.pop_back();
        if (!entry.expires.hasExpired() && entry.session->isReusable())
            return std::move(entry.session);
        --m_open;
        --m_openPerDevice[key];
    }
    return nullptr;
}

bool SessionPool::closeOneIdleElsewhere(const QString &key)
{
    for (auto &[device, idle] : m_idle) {
        if (device == key || idle.empty())
            continue;
        idle.erase(idle.begin());
        --m_open;
        --m_openPerDevice[device];
        return true;
    }
    return false;
}

Result<std::unique_ptr<SessionLease>> SessionPool::acquire(const SshEndpoint &endpoint,
                                                           const PlatformProfile &profile,
                                                           const HostKeyCheck &hostKeyCheck,
                                                           int timeoutMs)
{
    const QString key = endpoint.poolKey() + QLatin1Char('/') + profile.name;
    const QDeadlineTimer deadline(timeoutMs);
    {
        QMutexLocker locker(&m_mutex);
        for (;;) {
            if (std::unique_ptr<DeviceSession> idle = takeIdle(key))
                return std::make_unique<SessionLease>(*this, key, std::move(idle));
            const bool deviceHasRoom = m_openPerDevice.value(key) < m_limits.perDevice;
            if (deviceHasRoom && (m_open < m_limits.total || closeOneIdleElsewhere(key)))
                break;
            if (!m_released.wait(&m_mutex, deadline)) {
                return Error::unavailable(
                    QStringLiteral("busy"),
                    QStringLiteral("No free session to %1 within the timeout.").arg(endpoint.host));
            }
        }
        // The slot is taken before logging in, outside the lock, so others may proceed.
        ++m_open;
        ++m_openPerDevice[key];
    }
    Result<std::unique_ptr<DeviceSession>> opened = DeviceSession::open(
        endpoint, profile, hostKeyCheck, int(qMax<qint64>(1, deadline.remainingTime())));
    if (!opened) {
        QMutexLocker locker(&m_mutex);
        --m_open;
        --m_openPerDevice[key];
        m_released.wakeAll();
        return opened.error();
    }
    return std::make_unique<SessionLease>(*this, key, std::move(opened).value());
}

void SessionPool::giveBack(const QString &key, std::unique_ptr<DeviceSession> session)
{
    QMutexLocker locker(&m_mutex);
    if (session && session->isReusable()) {
        m_idle[key].push_back(Idle{std::move(session), QDeadlineTimer(m_limits.idleMs)});
    } else {
        --m_open;
        --m_openPerDevice[key];
        // Closing a broken session may block on the network: not under the lock.
        locker.unlock();
        session.reset();
        locker.relock();
    }
    m_released.wakeAll();
}

int SessionPool::openSessions() const
{
    QMutexLocker locker(&m_mutex);
    return m_open;
}

int SessionPool::idleSessions() const
{
    QMutexLocker locker(&m_mutex);
    int count = 0;
    for (const auto &[device, idle] : m_idle)
        count += int(idle.size());
    return count;
}

} // namespace Cairn
