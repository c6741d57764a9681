#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

struct ApiToken
{
    qint64 id = 0;
    qint64 userId = 0;
    QString keyPrefix;
    QString description;
    bool readOnly = false;
    qint64 createdAt = 0;
    std::optional<qint64> expiresAt;
    std::optional<qint64> lastUsedAt;

    QJsonObject toJson() const;
};

// A token as handed out: the record plus the key itself, shown this once and never stored.
struct IssuedToken
{
    ApiToken token;
    QString key;
};

} // namespace Cairn
