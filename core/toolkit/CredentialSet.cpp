#include "CredentialSet.h"

#include "JsonTime.h"

#include <QJsonArray>

namespace Cairn {

QJsonObject CredentialSecrets::toJson() const
{
    return {{QStringLiteral("password"), password},
            {QStringLiteral("private_key"), privateKey},
            {QStringLiteral("key_passphrase"), keyPassphrase},
            {QStringLiteral("enable_password"), enablePassword}};
}

CredentialSecrets CredentialSecrets::fromJson(const QJsonObject &json)
{
    return {json.value(QLatin1String("password")).toString(),
            json.value(QLatin1String("private_key")).toString(),
            json.value(QLatin1String("key_passphrase")).toString(),
            json.value(QLatin1String("enable_password")).toString()};
}

bool CredentialSet::allowsPlatform(const QString &platform) const
{
    return platforms.isEmpty() || platforms.contains(platform);
}

QJsonObject CredentialSet::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("display"), name},
            {QStringLiteral("description"), description},
            {QStringLiteral("username"), username},
            {QStringLiteral("has_password"), hasPassword},
            {QStringLiteral("has_private_key"), hasPrivateKey},
            {QStringLiteral("has_enable_password"), hasEnablePassword},
            {QStringLiteral("platforms"), QJsonArray::fromStringList(platforms)},
            {QStringLiteral("created"), isoTimestamp(createdAt)},
            {QStringLiteral("last_used"), isoTimestamp(lastUsedAt)}};
}

} // namespace Cairn
