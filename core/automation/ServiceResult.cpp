#include "ServiceResult.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject ServiceResult::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("run_id"), runId},
        {QStringLiteral("service_id"), serviceId ? QJsonValue(*serviceId) : QJsonValue()},
        {QStringLiteral("service_name"), serviceName},
        {QStringLiteral("device_id"), deviceId ? QJsonValue(*deviceId) : QJsonValue()},
        {QStringLiteral("device_name"), deviceName},
        {QStringLiteral("workflow_name"), workflowName},
        {QStringLiteral("success"), success},
        {QStringLiteral("result"), result},
        {QStringLiteral("duration_ms"), durationMs},
        {QStringLiteral("created_at"), isoTimestamp(createdAt)},
    };
}

} // namespace Cairn
