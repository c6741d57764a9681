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
// refused: the device was replaced, or someone is in the middle.
class KnownHosts
{
public:
    explicit KnownHosts(Database &database)
        : m_database(database)
    {
    }

    Result<void> check(const QString &host, int port, const QString &keyType,
                       const QString &fingerprint, HostKeyPolicy policy);
    // What SshConnection calls; usable from any thread.
    HostKeyCheck checker(HostKeyPolicy policy);
    Result<void> remember(const QString &host, int port, const QString &keyType,
                          const QString &fingerprint);
    // Forgets a device's key (after it was replaced), so the next login trusts the new one.
    Result<void> forget(const QString &host, int port);

private:
    Database &m_database;
};

} // namespace Cairn
