#include "Network.h"

namespace Cairn {

const QString Network::Reserved = QStringLiteral("reserved");
const QString Network::Assigned = QStringLiteral("assigned");
const QStringList Network::States{QStringLiteral("allocated"), Network::Assigned,
                                  QStringLiteral("orphaned"), Network::Reserved};

QJsonObject Network::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("cidr"), ip.cidr()},
        {QStringLiteral("parent_id"), parentId ? QJsonValue(*parentId) : QJsonValue()},
        {QStringLiteral("parent"), parentId ? QJsonValue(parentCidr) : QJsonValue()},
        {QStringLiteral("site_id"), siteId},
        {QStringLiteral("is_ip"), ip.isHost()},
        {QStringLiteral("ip_version"), QString::number(ip.version())},
        {QStringLiteral("network_address"), ip.networkAddress()},
        {QStringLiteral("prefix_length"), ip.prefixLength()},
        {QStringLiteral("state"), state},
        {QStringLiteral("attributes"), attributes},
    };
}

} // namespace Cairn
