#include "CredentialSetService.h"

#include "auth/ServerKey.h"
#include "auth/Sodium.h"
#include "auth/TokenService.h"
#include "inventory/Fields.h"
#include "transport/PlatformCatalog.h"
#include "transport/SshKeys.h"

#include <QDateTime>
#include <QJsonArray>

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

Result<CredentialSecrets> secretsOf(const QJsonObject &fields)
{
    CredentialSecrets secrets;
    const auto read = [&fields](const char *name, QString &into, int maxLength) -> Result<void> {
        const Result<QString> value = Fields::text(fields, QString::fromLatin1(name), maxLength);
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

} // namespace

CredentialSetService::CredentialSetService(Database &database, const ServerKey &serverKey)
    : m_sets(database, Sealer(serverKey.derive("credsets")))
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
    const Result<QString> name = Fields::text(fields, QStringLiteral("name"), 100);
    const Result<QString> description = Fields::text(fields, QStringLiteral("description"), 200);
    const Result<QString> username = Fields::text(fields, QStringLiteral("username"), 100);
    for (const Result<QString> *value : {&name, &description, &username}) {
        if (!*value)
            return value->error();
    }
    if (name->trimmed().isEmpty())
        return Fields::required(QStringLiteral("name"));
    if (username->isEmpty())
        return Fields::required(QStringLiteral("username"));
    const Result<QStringList> platforms = platformsOf(fields);
    if (!platforms)
        return platforms.error();
    const Result<CredentialSecrets> secrets = secretsOf(fields);
    if (!secrets)
        return secrets.error();
    set.name = name->trimmed();
    set.description = description.value();
    set.username = username.value();
    set.platforms = platforms.value();
    set.hasPassword = !secrets->password.isEmpty();
    set.hasPrivateKey = !secrets->privateKey.isEmpty();
    set.hasEnablePassword = !secrets->enablePassword.isEmpty();
    set.createdAt = QDateTime::currentMSecsSinceEpoch();
    const QString token = QString::fromLatin1(Sodium::randomBytes(TokenBytes).toHex());
    const Result<qint64> id = m_sets.insert(set, secrets.value(), TokenService::hashOf(token));
    if (!id) {
        if (id.error().code == ErrorCode::Conflict) {
            return Error::invalidField(QStringLiteral("name"),
                                       QStringLiteral("You already have a credential set named "
                                                      "\"%1\".")
                                           .arg(set.name));
        }
        return id.error();
    }
    set.id = id.value();
    return IssuedCredentialSet{set, token};
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
    if (!set->allowsPlatform(platform)) {
        return Error::forbidden(
            QStringLiteral("Credential set \"%1\" may not be used on platform %2 (allowed: %3).")
                .arg(set->name, platform.isEmpty() ? QStringLiteral("(none)") : platform,
                     set->platforms.join(QLatin1String(", "))));
    }
    Result<CredentialSecrets> secrets = m_sets.secretsOf(set->id);
    if (!secrets)
        return secrets.error();
    const Result<void> used = m_sets.markUsed(set->id);
    if (!used)
        return used.error();
    return ResolvedCredentials{std::move(set).value(), std::move(secrets).value()};
}

} // namespace Cairn
