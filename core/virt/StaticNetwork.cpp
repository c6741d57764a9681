#include "StaticNetwork.h"

#include <QJsonArray>

namespace Cairn {

QJsonObject StaticNetwork::toJson() const
{
    QJsonArray rangeObjects;
    for (const IpRange &range : ranges)
        rangeObjects.append(range.toJson());
    return {
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("bridge"), bridge},
        {QStringLiteral("cluster"), clusterUuid.isEmpty() ? QJsonValue() : QJsonValue(clusterUuid)},
        {QStringLiteral("ip"), ip},
        {QStringLiteral("netmask"), netmask},
        {QStringLiteral("gateway"), gateway},
        {QStringLiteral("ranges"), rangeObjects},
        {QStringLiteral("ipam_network"), ipamNetworkId ? QJsonValue(*ipamNetworkId) : QJsonValue()},
        {QStringLiteral("site_id"), ipamNetworkId ? QJsonValue(siteId) : QJsonValue()},
    };
}

} // namespace Cairn
