#include "SessionPool.h"

#include <QThread>

namespace Cairn {

namespace {

// How often a login waiting for another node's session to a device looks again: slots come
// back through the database, with nothing to wake this process.
constexpr qint64 SharedSlotPollMs = 100;

} // namespace

SessionLease::SessionLease(SessionPool &pool, QString key, SessionSlot slot,
                           std::unique_ptr<DeviceSession> session)
    : m_pool(pool)
    , m_key(std::move(key))
    , m_slot(std::move(slot))
    , m_session(std::move(session))
{
}

SessionLease::~SessionLease()
{
    m_pool.giveBack(m_key, std::move(m_slot), std::move(m_session));
}

SessionPool::SessionPool(Limits limits, DeviceSessionSlots *sharedSlots)
    : m_limits(limits)
    , m_sharedSlots(sharedSlots)
    , m_sweeper(QThread::create([this] { sweepIdle(); }))
{
    m_sweeper->setObjectName(QStringLiteral("session sweeper"));
    m_sweeper->start();
}

SessionPool::SessionPool()
    : SessionPool(Limits())
{
}

SessionPool::~SessionPool()
{
    {
        const QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_stop.wakeAll();
    }
    m_sweeper->wait();
    QList<SessionSlot> held;
    for (auto &[device, idle] : m_idle) {
        for (Idle &entry : idle)
            held << entry.slot;
    }
    m_idle.clear();
    releaseSlots(held);
}

std::unique_ptr<DeviceSession> SessionPool::takeIdle(const QString &key, SessionSlot *slot,
                                                     QList<SessionSlot> *closed)
{
    std::vector<Idle> &idle = m_idle[key];
    while (!idle.empty()) {
        Idle entry = std::move(idle.back());
        idle.pop_back();
        if (!entry.expires.hasExpired() && entry.session->isReusable()) {
            *slot = std::move(entry.slot);
            return std::move(entry.session);
        }
        closed->append(std::move(entry.slot));
        --m_open;
        --m_openPerDevice[key];
    }
    return nullptr;
}

bool SessionPool::closeOneIdleElsewhere(const QString &key, QList<SessionSlot> *closed)
{
    for (auto &[device, idle] : m_idle) {
        if (device == key || idle.empty())
            continue;
        closed->append(std::move(idle.front().slot));
        idle.erase(idle.begin());
        --m_open;
        --m_openPerDevice[device];
        return true;
    }
    return false;
}

void SessionPool::sweepIdle()
{
    QMutexLocker locker(&m_mutex);
    while (!m_stopping) {
        m_stop.wait(&m_mutex, QDeadlineTimer(qMax(500, m_limits.idleMs / 2)));
        std::vector<Idle> expired;
        for (auto &[key, idle] : m_idle) {
            for (auto entry = idle.begin(); entry != idle.end();) {
                if (!entry->expires.hasExpired()) {
                    ++entry;
                    continue;
                }
                expired.push_back(std::move(*entry));
                entry = idle.erase(entry);
                --m_open;
                --m_openPerDevice[key];
            }
        }
        if (expired.empty())
            continue;
        m_released.wakeAll();
        // Logging out may wait on the network, and the slots go back to the database.
        locker.unlock();
        QList<SessionSlot> slots;
        for (Idle &entry : expired)
            slots << std::move(entry.slot);
        expired.clear();
        releaseSlots(slots);
        locker.relock();
    }
}

bool SessionPool::closeOneIdleTo(const QString &device, QList<SessionSlot> *closed)
{
    const QMutexLocker locker(&m_mutex);
    for (auto &[key, idle] : m_idle) {
        for (auto entry = idle.begin(); entry != idle.end(); ++entry) {
            if (entry->slot.device != device || entry->slot.number < 0)
                continue;
            closed->append(std::move(entry->slot));
            idle.erase(entry);
            --m_open;
            --m_openPerDevice[key];
            return true;
        }
    }
    return false;
}

void SessionPool::releaseSlots(const QList<SessionSlot> &slots)
{
    if (!m_sharedSlots)
        return;
    for (const SessionSlot &slot : slots)
        m_sharedSlots->release(slot.device, slot.number);
}

void SessionPool::forgetOpen(const QString &key)
{
    const QMutexLocker locker(&m_mutex);
    --m_open;
    --m_openPerDevice[key];
    m_released.wakeAll();
}

Result<std::unique_ptr<SessionLease>> SessionPool::acquire(const SshEndpoint &endpoint,
                                                           const PlatformProfile &profile,
                                                           const HostKeyCheck &hostKeyCheck,
                                                           int timeoutMs)
{
    const QString key = endpoint.poolKey() + QLatin1Char('/') + profile.name;
    // The cluster counts sessions per device, whoever logs in to it and as whom.
    const QString device = QStringLiteral("%1:%2").arg(endpoint.host).arg(endpoint.port);
    const QDeadlineTimer deadline(timeoutMs);
    const auto busy = [&] {
        return Error::unavailable(
            QStringLiteral("busy"),
            QStringLiteral("No free session to %1 within the timeout.").arg(endpoint.host));
    };
    for (;;) {
        QList<SessionSlot> closed;
        std::unique_ptr<SessionLease> reused;
        bool room = false;
        {
            QMutexLocker locker(&m_mutex);
            for (;;) {
                SessionSlot slot;
                if (std::unique_ptr<DeviceSession> idle = takeIdle(key, &slot, &closed)) {
                    reused = std::make_unique<SessionLease>(*this, key, std::move(slot),
                                                            std::move(idle));
                    break;
                }
                const bool deviceHasRoom = m_openPerDevice.value(key) < m_limits.perDevice;
                if (deviceHasRoom &&
                    (m_open < m_limits.total || closeOneIdleElsewhere(key, &closed))) {
                    // The slot is taken before logging in, outside the lock, so others may
                    // proceed.
                    ++m_open;
                    ++m_openPerDevice[key];
                    room = true;
                    break;
                }
                if (!m_released.wait(&m_mutex, deadline))
                    break;
            }
        }
        releaseSlots(closed);
        if (reused)
            return reused;
        if (!room)
            return busy();
        const Result<std::optional<int>> claimed =
            m_sharedSlots ? m_sharedSlots->claim(device, m_limits.perDevice)
                          : Result<std::optional<int>>(std::optional<int>(-1));
        if (claimed && claimed->has_value()) {
            SessionSlot slot{device, claimed->value()};
            Result<std::unique_ptr<DeviceSession>> opened = DeviceSession::open(
                endpoint, profile, hostKeyCheck, int(qMax<qint64>(1, deadline.remainingTime())));
            if (!opened) {
                forgetOpen(key);
                releaseSlots({slot});
                return opened.error();
            }
            return std::make_unique<SessionLease>(*this, key, std::move(slot),
                                                  std::move(opened).value());
        }
        forgetOpen(key);
        if (!claimed)
            return claimed.error();
        // Every slot of the device is held: by an idle session of this node under other
        // credentials, given up at once; else by other nodes' sessions, so look again shortly,
        // until the deadline.
        QList<SessionSlot> evicted;
        if (closeOneIdleTo(device, &evicted)) {
            releaseSlots(evicted);
            continue;
        }
        if (deadline.hasExpired())
            return busy();
        QThread::msleep(quint64(qMin(SharedSlotPollMs, qMax<qint64>(1, deadline.remainingTime()))));
    }
}

void SessionPool::giveBack(const QString &key, SessionSlot slot,
                           std::unique_ptr<DeviceSession> session)
{
    QMutexLocker locker(&m_mutex);
    if (session && session->isReusable()) {
        m_idle[key].push_back(
            Idle{std::move(session), QDeadlineTimer(m_limits.idleMs), std::move(slot)});
    } else {
        --m_open;
        --m_openPerDevice[key];
        // Closing a broken session may block on the network, and the slot goes back to the
        // database: not under the lock.
        locker.unlock();
        session.reset();
        releaseSlots({slot});
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
