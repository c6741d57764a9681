#include "Change.h"

namespace Cairn {

QJsonObject Change::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("site"), siteId ? QJsonValue(*siteId) : QJsonValue::Null},
        {QStringLiteral("user"), userId
                                     ? QJsonValue(QJsonObject{{QStringLiteral("id"), *userId},
                                                              {QStringLiteral("email"), userEmail}})
                                     : QJsonValue::Null},
        {QStringLiteral("change_at"), changeAt},
        {QStringLiteral("event"), event},
        {QStringLiteral("resource_name"), resourceName},
        {QStringLiteral("resource_id"), resourceId},
        {QStringLiteral("resource"), resource},
    };
}

} // namespace Cairn
