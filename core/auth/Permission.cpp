#include "Permission.h"

namespace Cairn {

namespace {
QJsonValue optionalId(std::optional<qint64> id)
{
    return id ? QJsonValue(*id) : QJsonValue::Null;
}
} // namespace

QJsonObject Permission::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("user_id"), optionalId(userId)},
        {QStringLiteral("group_id"), optionalId(groupId)},
        {QStringLiteral("object_type"), objectType},
        {QStringLiteral("object_id"), optionalId(objectId)},
        {QStringLiteral("action"), actionName(action)},
    };
}

} // namespace Cairn
