#pragma once

#include "CredentialSetRepository.h"
#include "auth/Identity.h"
#include "inventory/Device.h"
#include "transport/SshEndpoint.h"

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

    // How to log in to `device` with these credentials, each step within `timeoutMs`.
    SshEndpoint loginTo(const Device &device, int timeoutMs, qsizetype maxOutputBytes) const;
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
    // The login of the caller's own set named `name` (what an automation service names in
    // `credentials`), for a device of `platform`; a 400 on `field` when they have none.
    Result<ResolvedCredentials> resolveNamed(const Identity &caller, const QString &name,
                                             const QString &platform, const QString &field);

    // For a migration project, to be sealed under its passphrase: the secrets of `owner`'s set
    // `name` and its token's hash, so that the copy logs in and answers to the same token.
    Result<QJsonObject> exportedSecrets(const Identity &owner, const QString &name);
    // The set's token is again the one whose hash is `tokenHash` (a migrated set's).
    Result<void> restoreToken(const Identity &owner, const QString &name, const QString &tokenHash);

private:
    static std::optional<qint64> visibleOwner(const Identity &caller);
    // The set's secrets, once it may be used on `platform`; marks it used.
    Result<ResolvedCredentials> opened(CredentialSet set, const QString &platform);

    Database &m_database;
    CredentialSetRepository m_sets;
};

} // namespace Cairn
