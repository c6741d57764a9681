#include "ApiToken.h"

#include <QDateTime>

namespace Cairn {

namespace {
QJsonValue timestamp(std::optional<qint64> ms)
{
    if (!ms)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODateWithMs);
}
} // namespace

QJsonObject ApiToken::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("key_prefix"), keyPrefix},
        {QStringLiteral("description"), description},
        {QStringLiteral("read_only"), readOnly},
        {QStringLiteral("created"), timestamp(createdAt)},
        {QStringLiteral("expires"), timestamp(expiresAt)},
        {QStringLiteral("last_used"), timestamp(lastUsedAt)},
    };
}

} // namespace Cairn
