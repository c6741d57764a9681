#include "User.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject User::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("username"), username},
        {QStringLiteral("email"), email.isEmpty() ? QJsonValue() : QJsonValue(email)},
        {QStringLiteral("is_superuser"), isSuperuser},
        {QStringLiteral("is_active"), isActive},
        {QStringLiteral("created"), isoTimestamp(createdAt)},
    };
}

} // namespace Cairn
