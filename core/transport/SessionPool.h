#pragma once

#include "DeviceSession.h"
#include "DeviceSessionSlots.h"
#include "WaitCondition.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QThread>
#include <map>
#include <memory>
#include <vector>

namespace Cairn {

class SessionPool;

// A session's place in the cluster's count of sessions to its device (DeviceSessionSlots);
// number -1 when the count is this process's only.
struct SessionSlot
{
    QString device;
    int number = -1;
};

// A session lent to one thread; given back (or dropped when broken) when the lease ends.
class SessionLease
{
public:
    SessionLease(SessionPool &pool, QString key, SessionSlot slot,
                 std::unique_ptr<DeviceSession> session);
    ~SessionLease();
    SessionLease(SessionLease &&) = delete;
    SessionLease(const SessionLease &) = delete;

    DeviceSession &session() { return *m_session; }

private:
    SessionPool &m_pool;
    QString m_key;
    SessionSlot m_slot;
    std::unique_ptr<DeviceSession> m_session;
};

// Logged-in device sessions kept for reuse: connecting and logging in costs far more than a
// command (~150 ms against tens), so a device's session serves its next command. Caps the
// sessions open to one device (devices limit their vty lines) and overall; with
// DeviceSessionSlots, the per-device cap counts every node's sessions to the device.
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

    explicit SessionPool(Limits limits, DeviceSessionSlots *sharedSlots = nullptr);
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
        SessionSlot slot;
    };

    void giveBack(const QString &key, SessionSlot slot, std::unique_ptr<DeviceSession> session);
    // Takes a reusable idle session for `key` and its slot (closing expired ones, whose slots
    // go to `closed`); called locked.
    std::unique_ptr<DeviceSession> takeIdle(const QString &key, SessionSlot *slot,
                                            QList<SessionSlot> *closed);
    bool closeOneIdleElsewhere(const QString &key, QList<SessionSlot> *closed);
    // Closes one idle session to `device` (under other credentials: the cluster's count is the
    // device's) to give its slot to a new login.
    bool closeOneIdleTo(const QString &device, QList<SessionSlot> *closed);
    // Gives slots back to the database: never under the lock.
    void releaseSlots(const QList<SessionSlot> &slots);
    void forgetOpen(const QString &key);
    // Closes idle sessions past their time, so that their devices' slots come back even when
    // nothing here asks for a session again; on its own thread.
    void sweepIdle();

    Limits m_limits;
    DeviceSessionSlots *m_sharedSlots = nullptr;
    mutable QMutex m_mutex;
    WaitCondition m_released;
    // Standard containers: sessions are move-only.
    std::map<QString, std::vector<Idle>> m_idle;
    QHash<QString, int> m_openPerDevice;
    int m_open = 0;
    bool m_stopping = false;
    WaitCondition m_stop;
    std::unique_ptr<QThread> m_sweeper;
};

} // namespace Cairn
