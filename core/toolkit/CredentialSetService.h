#pragma once

#include "CredentialSetRepository.h"
#include "auth/Identity.h"

namespace Cairn {

class ServerKey;

struct IssuedCredentialSet
{
    CredentialSet set;
    // Shown once, in the answer to the create call; only its hash is kept.
    QString token;
};

struct ResolvedCredentials
{
    CredentialSet set;
    CredentialSecrets secrets;
};

// Operators' device credentials. Each sees and uses only their own sets (superusers see every
// set, to revoke them, but cannot use another's); secrets never leave except to log in.
class CredentialSetService
{
public:
    CredentialSetService(Database &database, const ServerKey &serverKey);

    // {name, description, username, password | private_key (+ key_passphrase),
    // enable_password, platforms}.
    Result<IssuedCredentialSet> create(const Identity &caller, const QJsonObject &fields);
    // By its owner only: every field given (PUT) or those given (PATCH); secrets are replaced
    // only when given, and the token stays.
    Result<CredentialSet> update(const Identity &caller, qint64 id, const QJsonObject &fields,
                                 bool partial);
    Result<QList<CredentialSet>> list(const Identity &caller, int limit, int offset);
    Result<qint64> count(const Identity &caller);
    Result<CredentialSet> get(const Identity &caller, qint64 id);
    Result<void> remove(const Identity &caller, qint64 id);
    // The login the caller's `token` selects for a device of `platform`.
    Result<ResolvedCredentials> resolve(const Identity &caller, const QString &token,
                                        const QString &platform);

private:
    static std::optional<qint64> visibleOwner(const Identity &caller);

    CredentialSetRepository m_sets;
};

} // namespace Cairn
