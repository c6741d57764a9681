#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

struct User
{
    qint64 id = 0;
    QString username;
    QString email;
    bool isSuperuser = false;
    bool isActive = true;
    qint64 createdAt = 0;
    // Moves whenever the password or secret key changes; AuthTokens signed before it are void.
    qint64 credentialsChangedAt = 0;

    QJsonObject toJson() const;
};

// A user row with the hashed and sealed secrets that only the auth services read.
struct StoredUser
{
    User user;
    QString passwordHash;
    QString secretKeySealed;
};

} // namespace Cairn
