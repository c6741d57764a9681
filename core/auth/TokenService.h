#pragma once

#include "ApiToken.h"
#include "Identity.h"
#include "Result.h"

#include <QList>

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
    Result<Identity> resolve(const QString &key);
    Result<QList<ApiToken>> listForUser(qint64 userId);
    Result<void> remove(qint64 userId, qint64 tokenId);

    static QString hashOf(const QString &key);

private:
    Database &m_database;
};

} // namespace Cairn
