#pragma once

#include "CredentialSet.h"
#include "Result.h"
#include "auth/Sealer.h"

#include <QList>

namespace Cairn {

class Database;

// Credential sets as rows; the secrets are sealed before they reach SQL and opened only by
// secretsOf().
class CredentialSetRepository
{
public:
    CredentialSetRepository(Database &database, Sealer sealer)
        : m_database(database)
        , m_sealer(std::move(sealer))
    {
    }

    Result<QList<CredentialSet>> list(std::optional<qint64> ownerId, int limit, int offset);
    Result<qint64> count(std::optional<qint64> ownerId);
    Result<CredentialSet> find(qint64 id);
    // The set a token selects; NotFound when no set has that token.
    Result<CredentialSet> findByTokenHash(const QString &tokenHash);
    // One owner's set of that name; NotFound when they have none.
    Result<CredentialSet> findByName(qint64 ownerId, const QString &name);
    Result<qint64> insert(const CredentialSet &set, const CredentialSecrets &secrets,
                          const QString &tokenHash);
    // Its fields and secrets as given; the token stays.
    Result<void> update(const CredentialSet &set, const CredentialSecrets &secrets);
    Result<void> remove(qint64 id);
    Result<CredentialSecrets> secretsOf(qint64 id);
    Result<QString> tokenHashOf(qint64 id);
    Result<void> setTokenHash(qint64 id, const QString &tokenHash);
    Result<void> markUsed(qint64 id);

private:
    QString sealed(const CredentialSecrets &secrets) const;
    static QString platformsText(const CredentialSet &set);

    Database &m_database;
    Sealer m_sealer;
};

} // namespace Cairn
