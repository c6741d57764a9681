#include "IpRange.h"

namespace Cairn {

QJsonObject IpRange::toJson() const
{
    return {
        {QStringLiteral("uuid"), uuid},        {QStringLiteral("network"), networkUuid},
        {QStringLiteral("start_ip"), startIp}, {QStringLiteral("end_ip"), endIp},
        {QStringLiteral("size"), size()},      {QStringLiteral("used"), used},
    };
}

} // namespace Cairn
