#pragma once

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace Cairn {

// What a credential set holds in secret; sealed at rest, opened only to log in to a device.
struct CredentialSecrets
{
    QString password;
    QString privateKey;
    QString keyPassphrase;
    QString enablePassword;

    QJsonObject toJson() const;
    static CredentialSecrets fromJson(const QJsonObject &json);
};

// One operator's login for devices, as shown: never a secret, only which kinds it holds.
struct CredentialSet
{
    qint64 id = 0;
    qint64 ownerId = 0;
    QString name;
    QString description;
    QString username;
    bool hasPassword = false;
    bool hasPrivateKey = false;
    bool hasEnablePassword = false;
    // Canonical platform names it may be used on; empty means any.
    QStringList platforms;
    qint64 createdAt = 0;
    std::optional<qint64> lastUsedAt;

    bool allowsPlatform(const QString &platform) const;
    QJsonObject toJson() const;
};

} // namespace Cairn
