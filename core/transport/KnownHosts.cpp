#include "KnownHosts.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>

namespace Cairn {

namespace {

Error hostKeyError(const QString &message)
{
    return Error::unavailable(QStringLiteral("host_key"), message);
}

} // namespace

Result<void> KnownHosts::check(const QString &host, int port, const QString &keyType,
                               const QString &fingerprint, HostKeyPolicy policy, qint64 deviceId)
{
    const QString where = QStringLiteral("%1:%2").arg(host).arg(port);
    for (int attempt = 0; attempt < 2; ++attempt) {
        Result<QSqlQuery> known = SqlQuery::run(
            m_database.connection(),
            QStringLiteral("SELECT key_type, fingerprint FROM known_hosts WHERE host = ? AND "
                           "port = ?"),
            {host, port});
        if (!known)
            return known.error();
        if (known->next()) {
            const QString knownType = known->value(0).toString();
            const QString knownFingerprint = known->value(1).toString();
            // Let go of the read before usedBy() writes: SQLite cannot turn a read of an older
            // snapshot into a write, and fails at once (SQLITE_BUSY) when another login wrote
            // since.
            known->finish();
            if (knownType == keyType && knownFingerprint == fingerprint)
                return deviceId ? usedBy(deviceId, host, port) : Result<void>();
            return hostKeyError(
                QStringLiteral("The host key of %1 changed (known: %2 %3, offered: %4 %5). If the "
                               "device was replaced, forget its known host key.")
                    .arg(where, knownType, knownFingerprint, keyType, fingerprint));
        }
        if (policy == HostKeyPolicy::Strict) {
            return hostKeyError(
                QStringLiteral("The host key of %1 (%2 %3) is not known and the policy is strict.")
                    .arg(where, keyType, fingerprint));
        }
        if (deviceId) {
            const Result<std::optional<QString>> before = trustedElsewhere(deviceId, host, port);
            if (!before)
                return before.error();
            if (before->has_value())
                return hostKeyError(
                    QStringLiteral("The device moved from %1 to %2, whose host key (%3 %4) nobody "
                                   "trusted yet. Add it (cairn known-hosts add %5 %6 %3 %4) or "
                                   "forget the old address (cairn known-hosts forget ...) first.")
                        .arg(before->value(), where, keyType, fingerprint, host)
                        .arg(port));
        }
        Result<void> remembered = remember(host, port, keyType, fingerprint);
        if (remembered)
            return deviceId ? usedBy(deviceId, host, port) : Result<void>();
        // Another login remembered a key first: compare with that one.
        if (remembered.error().code != ErrorCode::Conflict)
            return remembered;
    }
    return hostKeyError(QStringLiteral("The host key of %1 cannot be recorded.").arg(where));
}

HostKeyCheck KnownHosts::checker(HostKeyPolicy policy, qint64 deviceId)
{
    return [this, policy, deviceId](const QString &host, int port, const QString &keyType,
                                    const QString &fingerprint) {
        return check(host, port, keyType, fingerprint, policy, deviceId);
    };
}

Result<void> KnownHosts::remember(const QString &host, int port, const QString &keyType,
                                  const QString &fingerprint)
{
    Result<void> added =
        SqlQuery::exec(m_database.connection(),
                       QStringLiteral("INSERT INTO known_hosts (host, port, key_type, "
                                      "fingerprint, first_seen) VALUES (?, ?, ?, ?, ?)"),
                       {host, port, keyType, fingerprint, QDateTime::currentMSecsSinceEpoch()});
    if (!added && added.error().code == ErrorCode::Conflict)
        return Error::conflict(QStringLiteral("A host key for %1:%2 is already known; forget it "
                                              "first if the device was replaced.")
                                   .arg(host)
                                   .arg(port));
    return added;
}

Result<void> KnownHosts::usedBy(qint64 deviceId, const QString &host, int port)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("INSERT INTO known_host_devices (device_id, host, port) "
                                         "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                          {deviceId, host, port});
}

Result<std::optional<QString>> KnownHosts::trustedElsewhere(qint64 deviceId, const QString &host,
                                                            int port)
{
    Result<QSqlQuery> found = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT host, port FROM known_host_devices WHERE device_id = ? AND NOT "
                       "(host = ? AND port = ?) LIMIT 1"),
        {deviceId, host, port});
    if (!found)
        return found.error();
    if (!found->next())
        return std::optional<QString>();
    return std::optional<QString>(
        QStringLiteral("%1:%2").arg(found->value(0).toString()).arg(found->value(1).toInt()));
}

Result<void> KnownHosts::forget(const QString &host, int port)
{
    // The devices that used the address are free to be trusted elsewhere again.
    const Result<void> released = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("DELETE FROM known_host_devices WHERE host = ? AND port = ?"), {host, port});
    if (!released)
        return released.error();
    Result<QSqlQuery> forgotten = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("DELETE FROM known_hosts WHERE host = ? AND port = ?"), {host, port});
    if (!forgotten)
        return forgotten.error();
    if (forgotten->numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("No host key is known for %1:%2 (see cairn "
                                              "known-hosts list).")
                                   .arg(host)
                                   .arg(port));
    return {};
}

} // namespace Cairn
