#pragma once

#include "ApiToken.h"
#include "Identity.h"
#include "Result.h"

#include <QHash>
#include <QList>
#include <shared_mutex>

namespace Cairn {

class Database;

// API tokens (`Authorization: Token <key>`): 40 random hex digits; only their BLAKE2b hash is
// stored, so a copy of the database does not let anyone in.
class TokenService
{
public:
    explicit TokenService(Database &database)
        : m_database(database)
    {
    }

    Result<IssuedToken> create(qint64 userId, std::optional<int> expiresInDays, bool readOnly,
                               const QString &description = {});
    // A token the caller makes for themselves through the API. A read-only token cannot make
    // one: that would turn read access into write access.
    Result<IssuedToken> issue(const Identity &caller, std::optional<int> expiresInDays,
                              bool readOnly, const QString &description);
    Result<Identity> resolve(const QString &key);
    Result<QList<ApiToken>> listForUser(qint64 userId);
    Result<void> remove(qint64 userId, qint64 tokenId);

    static QString hashOf(const QString &key);

private:
    Result<Identity> lookUp(const QString &hash);

    // Keys resolved in the last moment, so a burst of requests costs one lookup. A revoked
    // token or a deactivated user stops working everywhere within RecentMs; a token removed
    // here stops at once.
    static constexpr qint64 RecentMs = 2000;
    struct Recent
    {
        Identity identity;
        std::optional<qint64> expiresAt;
        qint64 resolvedAt = 0;
    };

    Database &m_database;
    // std::shared_mutex, not QReadWriteLock: ThreadSanitizer sees its ordering (pthread).
    std::shared_mutex m_recentLock;
    QHash<QString, Recent> m_recent;
};

} // namespace Cairn
