#pragma once

#include "Result.h"
#include "SshConnection.h"

namespace Cairn {

class Database;

// Whether a device never seen before may be logged in to.
enum class HostKeyPolicy
{
    // Remember its key and hold it to that key from then on (as ssh's accept-new).
    TrustOnFirstUse,
    // Only keys already known; a new device's key must be added first.
    Strict,
};

// Device host keys kept in the database. A key that differs from the remembered one is always
// refused: the device was replaced, or someone is in the middle. Devices are bound to the
// addresses they were logged in to: once a device is pointed at another address, that
// address's key is not trusted on first use but must be added (or the old address forgotten)
// first, so changing an address never sends the device's credentials to a host nobody vouched
// for.
class KnownHosts
{
public:
    explicit KnownHosts(Database &database)
        : m_database(database)
    {
    }

    // `deviceId`: the inventory device logged in to (0: none).
    Result<void> check(const QString &host, int port, const QString &keyType,
                       const QString &fingerprint, HostKeyPolicy policy, qint64 deviceId = 0);
    // What SshConnection calls; usable from any thread.
    HostKeyCheck checker(HostKeyPolicy policy, qint64 deviceId = 0);
    Result<void> remember(const QString &host, int port, const QString &keyType,
                          const QString &fingerprint);
    // Forgets a device's key (after it was replaced), so the next login trusts the new one.
    Result<void> forget(const QString &host, int port);

private:
    // Records that the device was logged in to at this address.
    Result<void> usedBy(qint64 deviceId, const QString &host, int port);
    // Another address the device was logged in to, if any.
    Result<std::optional<QString>> trustedElsewhere(qint64 deviceId, const QString &host, int port);

    Database &m_database;
};

} // namespace Cairn
