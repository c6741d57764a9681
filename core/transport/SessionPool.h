#pragma once

#include "DeviceSession.h"
#include "WaitCondition.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <map>
#include <memory>
#include <vector>

namespace Cairn {

class SessionPool;

// A session lent to one thread; given back (or dropped when broken) when the lease ends.
class SessionLease
{
public:
    SessionLease(SessionPool &pool, QString key, std::unique_ptr<DeviceSession> session);
    ~SessionLease();
    SessionLease(SessionLease &&) = delete;
    SessionLease(const SessionLease &) = delete;

    DeviceSession &session() { return *m_session; }

private:
    SessionPool &m_pool;
    QString m_key;
    std::unique_ptr<DeviceSession> m_session;
};

// Logged-in device sessions kept for reuse: connecting and logging in costs far more than a
// command (~150 ms against tens), so a device's session serves its next command. Caps the
// sessions open to one device (devices limit their vty lines) and overall.
class SessionPool
{
public:
    struct Limits
    {
        int perDevice = 2;
        int total = 64;
        // Idle sessions older than this are closed rather than reused.
        int idleMs = 60000;
    };

    explicit SessionPool(Limits limits);
    SessionPool();
    ~SessionPool();

    // A session to `endpoint`: an idle one if there is one, else a new login once the caps
    // allow it; waits for a free slot until `timeoutMs` has passed (a `busy` error then).
    Result<std::unique_ptr<SessionLease>> acquire(const SshEndpoint &endpoint,
                                                  const PlatformProfile &profile,
                                                  const HostKeyCheck &hostKeyCheck, int timeoutMs);
    int openSessions() const;
    int idleSessions() const;

private:
    friend class SessionLease;
    struct Idle
    {
        std::unique_ptr<DeviceSession> session;
        QDeadlineTimer expires;
    };

    void giveBack(const QString &key, std::unique_ptr<DeviceSession> session);
    // Takes a reusable idle session for `key` (closing expired ones); called locked.
    std::unique_ptr<DeviceSession> takeIdle(const QString &key);
    bool closeOneIdleElsewhere(const QString &key);

    Limits m_limits;
    mutable QMutex m_mutex;
    WaitCondition m_released;
    // Standard containers: sessions are move-only.
    std::map<QString, std::vector<Idle>> m_idle;
    QHash<QString, int> m_openPerDevice;
    int m_open = 0;
};

} // namespace Cairn
