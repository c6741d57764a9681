#include "ZtpNodeRecord.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject ZtpNodeRecord::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("node_id"), nodeId},
        {QStringLiteral("serialnumber"), serialNumber},
        {QStringLiteral("systemmac"), systemMac},
        {QStringLiteral("model"), model},
        {QStringLiteral("version"), version},
        {QStringLiteral("device_id"), deviceId ? QJsonValue(*deviceId) : QJsonValue()},
        {QStringLiteral("pattern"), pattern},
        {QStringLiteral("definition"), definition},
        {QStringLiteral("status"), status},
        {QStringLiteral("progress"),
         QJsonObject{{QStringLiteral("actions_total"), actionsTotal},
                     {QStringLiteral("actions_fetched"), actionsFetched}}},
        {QStringLiteral("last_address"), lastAddress},
        {QStringLiteral("last_error"), lastError},
        {QStringLiteral("registered_at"), isoTimestamp(registeredAt)},
        {QStringLiteral("updated_at"), isoTimestamp(updatedAt)},
    };
}

} // namespace Cairn
