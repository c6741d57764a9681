#include "ApiToken.h"

#include "JsonTime.h"

#include <QDateTime>

namespace Cairn {

QJsonObject ApiToken::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("key_prefix"), keyPrefix},
        {QStringLiteral("description"), description},
        {QStringLiteral("read_only"), readOnly},
        {QStringLiteral("created"), isoTimestamp(createdAt)},
        {QStringLiteral("expires"), isoTimestamp(expiresAt)},
        {QStringLiteral("last_used"), isoTimestamp(lastUsedAt)},
    };
}

} // namespace Cairn
