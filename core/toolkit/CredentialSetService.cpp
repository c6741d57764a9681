#include "CredentialSetService.h"

#include "auth/ServerKey.h"
#include "auth/Sodium.h"
#include "auth/TokenService.h"
#include "db/Transaction.h"
#include "inventory/Fields.h"
#include "transport/PlatformCatalog.h"
#include "transport/SshKeys.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn {

namespace {

constexpr int TokenBytes = 20;

// Platform names or aliases, each made canonical; unknown ones are refused by name.
Result<QStringList> platformsOf(const QJsonObject &fields)
{
    const QString field = QStringLiteral("platforms");
    const QJsonValue given = fields.value(field);
    if (given.isUndefined() || given.isNull())
        return QStringList();
    if (!given.isArray())
        return Error::invalidField(field, QStringLiteral("Expected a list of platform names."));
    QStringList platforms;
    for (const QJsonValue platform : given.toArray()) {
        const PlatformProfile *profile = PlatformCatalog::find(platform.toString());
        if (!profile) {
            return Error::invalidField(
                field,
                QStringLiteral("Unknown platform \"%1\"; known: %2.")
                    .arg(platform.toString(), PlatformCatalog::names().join(QLatin1String(", "))));
        }
        if (!platforms.contains(profile->name))
            platforms << profile->name;
    }
    return platforms;
}

// The secrets given in `fields` over `secrets` (an edit replaces only what it names), checked.
Result<CredentialSecrets> secretsOf(const QJsonObject &fields, CredentialSecrets secrets)
{
    const auto read = [&fields](const char *name, QString &into, int maxLength) -> Result<void> {
        const QString field = QString::fromLatin1(name);
        if (!fields.contains(field))
            return {};
        const Result<QString> value = Fields::text(fields, field, maxLength);
        if (!value)
            return value.error();
        into = value.value();
        return {};
    };
    for (const Result<void> &done :
         {read("password", secrets.password, 1024), read("private_key", secrets.privateKey, 16384),
          read("key_passphrase", secrets.keyPassphrase, 1024),
          read("enable_password", secrets.enablePassword, 1024)}) {
        if (!done)
            return done.error();
    }
    if (secrets.password.isEmpty() && secrets.privateKey.isEmpty()) {
        return Error::invalidField(QStringLiteral("password"),
                                   QStringLiteral("A password or a private_key is required."));
    }
    if (!secrets.privateKey.isEmpty() &&
        !SshKeys::canRead(secrets.privateKey, secrets.keyPassphrase)) {
        return Error::invalidField(
            QStringLiteral("private_key"),
            QStringLiteral(
                "Not a private key in OpenSSH or PEM format, or the passphrase is wrong."));
    }
    return secrets;
}

// Name, description, username and platforms from `fields` onto `set`: all of them (create,
// PUT) or those given (PATCH).
Result<void> applyFields(CredentialSet &set, const QJsonObject &fields, bool partial)
{
    const auto given = [&](const QString &field) {
        return !partial || fields.contains(field);
    };
    const QString name = QStringLiteral("name");
    const QString description = QStringLiteral("description");
    const QString username = QStringLiteral("username");
    for (const auto &[field, maxLength, into] :
         {std::tuple{name, 100, &set.name}, std::tuple{description, 200, &set.description},
          std::tuple{username, 100, &set.username}}) {
        if (!given(field))
            continue;
        const Result<QString> value = Fields::text(fields, field, maxLength);
        if (!value)
            return value.error();
        *into = field == name ? value->trimmed() : value.value();
    }
    if (set.name.isEmpty())
        return Fields::required(name);
    if (set.username.isEmpty())
        return Fields::required(username);
    if (given(QStringLiteral("platforms"))) {
        const Result<QStringList> platforms = platformsOf(fields);
        if (!platforms)
            return platforms.error();
        set.platforms = platforms.value();
    }
    return {};
}

void describeSecrets(CredentialSet &set, const CredentialSecrets &secrets)
{
    set.hasPassword = !secrets.password.isEmpty();
    set.hasPrivateKey = !secrets.privateKey.isEmpty();
    set.hasEnablePassword = !secrets.enablePassword.isEmpty();
}

Error nameTaken(const CredentialSet &set)
{
    return Error::invalidField(
        QStringLiteral("name"),
        QStringLiteral("You already have a credential set named \"%1\".").arg(set.name));
}

} // namespace

CredentialSetService::CredentialSetService(Database &database, const ServerKey &serverKey)
    : m_database(database)
    , m_sets(database, Sealer(serverKey.derive("credsets")))
{
}

std::optional<qint64> CredentialSetService::visibleOwner(const Identity &caller)
{
    return caller.user.isSuperuser ? std::nullopt : std::optional<qint64>(caller.user.id);
}

Result<IssuedCredentialSet> CredentialSetService::create(const Identity &caller,
                                                         const QJsonObject &fields)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot create credential sets."));
    CredentialSet set;
    set.ownerId = caller.user.id;
    const Result<void> applied = applyFields(set, fields, false);
    if (!applied)
        return applied.error();
    const Result<CredentialSecrets> secrets = secretsOf(fields, {});
    if (!secrets)
        return secrets.error();
    describeSecrets(set, secrets.value());
    set.createdAt = QDateTime::currentMSecsSinceEpoch();
    const QString token = QString::fromLatin1(Sodium::randomBytes(TokenBytes).toHex());
    const Result<qint64> id = m_sets.insert(set, secrets.value(), TokenService::hashOf(token));
    if (!id)
        return id.error().code == ErrorCode::Conflict ? nameTaken(set) : id.error();
    set.id = id.value();
    return IssuedCredentialSet{set, token};
}

Result<CredentialSet> CredentialSetService::update(const Identity &caller, qint64 id,
                                                   const QJsonObject &fields, bool partial)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot change credential sets."));
    // Only its owner: a superuser sees every set, to revoke it, but never makes it log in
    // somewhere else.
    Result<CredentialSet> found = m_sets.find(id);
    if (found && found->ownerId != caller.user.id)
        return Error::notFound(QStringLiteral("No such credential set."));
    if (!found)
        return found.error();
    CredentialSet set = std::move(found).value();
    const Result<void> applied = applyFields(set, fields, partial);
    if (!applied)
        return applied.error();
    const Result<CredentialSecrets> stored = m_sets.secretsOf(id);
    if (!stored)
        return stored.error();
    const Result<CredentialSecrets> secrets = secretsOf(fields, stored.value());
    if (!secrets)
        return secrets.error();
    describeSecrets(set, secrets.value());
    const Result<void> updated = m_sets.update(set, secrets.value());
    if (!updated)
        return updated.error().code == ErrorCode::Conflict ? nameTaken(set) : updated.error();
    return set;
}

Result<QList<CredentialSet>> CredentialSetService::list(const Identity &caller, int limit,
                                                        int offset)
{
    return m_sets.list(visibleOwner(caller), limit, offset);
}

Result<qint64> CredentialSetService::count(const Identity &caller)
{
    return m_sets.count(visibleOwner(caller));
}

Result<CredentialSet> CredentialSetService::get(const Identity &caller, qint64 id)
{
    Result<CredentialSet> set = m_sets.find(id);
    const std::optional<qint64> owner = visibleOwner(caller);
    if (set && owner && set->ownerId != *owner)
        return Error::notFound(QStringLiteral("No such credential set."));
    return set;
}

Result<void> CredentialSetService::remove(const Identity &caller, qint64 id)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot delete credential sets."));
    const Result<CredentialSet> set = get(caller, id);
    if (!set)
        return set.error();
    return m_sets.remove(id);
}

Result<ResolvedCredentials>
CredentialSetService::resolve(const Identity &caller, const QString &token, const QString &platform)
{
    const QString field = QStringLiteral("credential_token");
    if (token.isEmpty())
        return Fields::required(field);
    Result<CredentialSet> set = m_sets.findByTokenHash(TokenService::hashOf(token));
    // Another operator's token is as unknown as a made-up one.
    if (!set || set->ownerId != caller.user.id) {
        if (set || set.error().code == ErrorCode::NotFound)
            return Error::invalidField(field, QStringLiteral("Invalid credential token."));
        return set.error();
    }
    return opened(std::move(set).value(), platform);
}

Result<ResolvedCredentials> CredentialSetService::resolveNamed(const Identity &caller,
                                                               const QString &name,
                                                               const QString &platform,
                                                               const QString &field)
{
    if (name.isEmpty()) {
        return Error::invalidField(
            field, QStringLiteral("Name one of your credential sets to log in to devices with."));
    }
    Result<CredentialSet> set = m_sets.findByName(caller.user.id, name);
    if (!set) {
        if (set.error().code == ErrorCode::NotFound)
            return Error::invalidField(
                field, QStringLiteral("You have no credential set named \"%1\".").arg(name));
        return set.error();
    }
    return opened(std::move(set).value(), platform);
}

Result<QJsonObject> CredentialSetService::exportedSecrets(const Identity &owner,
                                                          const QString &name)
{
    const Result<CredentialSet> set = m_sets.findByName(owner.user.id, name);
    if (!set)
        return set.error();
    const Result<CredentialSecrets> secrets = m_sets.secretsOf(set->id);
    if (!secrets)
        return secrets.error();
    const Result<QString> tokenHash = m_sets.tokenHashOf(set->id);
    if (!tokenHash)
        return tokenHash.error();
    QJsonObject json = secrets->toJson();
    json.insert(QStringLiteral("token_hash"), tokenHash.value());
    return json;
}

Result<void> CredentialSetService::restoreToken(const Identity &owner, const QString &name,
                                                const QString &tokenHash)
{
    static const QRegularExpression hashShape(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hashShape.match(tokenHash).hasMatch())
        return Error::invalidField(QStringLiteral("token_hash"),
                                   QStringLiteral("A token's hash: 64 hexadecimal digits."));
    const Result<CredentialSet> set = m_sets.findByName(owner.user.id, name);
    if (!set)
        return set.error();
    // In its own savepoint: a hash another set holds is refused without spoiling an enclosing
    // transaction (PostgreSQL's).
    return Transaction::run(m_database, [&](const QSqlDatabase &) -> Result<void> {
        Result<void> restored = m_sets.setTokenHash(set->id, tokenHash);
        if (!restored && restored.error().code == ErrorCode::Conflict)
            return Error::invalidField(QStringLiteral("token_hash"),
                                       QStringLiteral("Another credential set answers to this "
                                                      "token."));
        return restored;
    });
}

Result<ResolvedCredentials> CredentialSetService::opened(CredentialSet set, const QString &platform)
{
    if (!set.allowsPlatform(platform)) {
        return Error::forbidden(
            QStringLiteral("Credential set \"%1\" may not be used on platform %2 (allowed: %3).")
                .arg(set.name, platform.isEmpty() ? QStringLiteral("(none)") : platform,
                     set.platforms.join(QLatin1String(", "))));
    }
    Result<CredentialSecrets> secrets = m_sets.secretsOf(set.id);
    if (!secrets)
        return secrets.error();
    const Result<void> used = m_sets.markUsed(set.id);
    if (!used)
        return used.error();
    return ResolvedCredentials{std::move(set), std::move(secrets).value()};
}

SshEndpoint ResolvedCredentials::loginTo(const Device &device, int timeoutMs,
                                         qsizetype maxOutputBytes) const
{
    SshEndpoint endpoint;
    endpoint.host = device.ipAddress;
    endpoint.port = device.port;
    endpoint.username = set.username;
    endpoint.password = secrets.password;
    endpoint.privateKey = secrets.privateKey;
    endpoint.keyPassphrase = secrets.keyPassphrase;
    endpoint.enablePassword = secrets.enablePassword;
    endpoint.connectTimeoutMs = qMin(timeoutMs, endpoint.connectTimeoutMs);
    endpoint.authTimeoutMs = qMin(timeoutMs, endpoint.authTimeoutMs);
    endpoint.maxOutputBytes = maxOutputBytes;
    endpoint.deviceId = device.id;
    return endpoint;
}

} // namespace Cairn
