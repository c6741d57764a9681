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
                               const QString &fingerprint, HostKeyPolicy policy)
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
            if (known->value(0).toString() == keyType && known->value(1).toString() == fingerprint)
                return {};
            return hostKeyError(
                QStringLiteral("The host key of %1 changed (known: %2 %3, offered: %4 %5). If the "
                               "device was replaced, forget its known host key.")
                    .arg(where, known->value(0).toString(), known->value(1).toString(), keyType,
                         fingerprint));
        }
        if (policy == HostKeyPolicy::Strict) {
            return hostKeyError(
                QStringLiteral("The host key of %1 (%2 %3) is not known and the policy is strict.")
                    .arg(where, keyType, fingerprint));
        }
        Result<void> remembered = remember(host, port, keyType, fingerprint);
        // Another login remembered a key first: compare with that one.
        if (remembered || remembered.error().code != ErrorCode::Conflict)
            return remembered;
    }
    return hostKeyError(QStringLiteral("The host key of %1 cannot be recorded.").arg(where));
}

HostKeyCheck KnownHosts::checker(HostKeyPolicy policy)
{
    return [this, policy](const QString &host, int port, const QString &keyType,
                          const QString &fingerprint) {
        return check(host, port, keyType, fingerprint, policy);
    };
}

Result<void> KnownHosts::remember(const QString &host, int port, const QString &keyType,
                                  const QString &fingerprint)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("INSERT INTO known_hosts (host, port, key_type, "
                                         "fingerprint, first_seen) VALUES (?, ?, ?, ?, ?)"),
                          {host, port, keyType, fingerprint, QDateTime::currentMSecsSinceEpoch()});
}

Result<void> KnownHosts::forget(const QString &host, int port)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM known_hosts WHERE host = ? AND port = ?"),
                          {host, port});
}

} // namespace Cairn
