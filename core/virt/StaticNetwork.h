#pragma once

#include "IpRange.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Cairn {

// An IPv4 network that machines get fixed addresses from (Enomalism section 7).
struct StaticNetwork
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QString description;
    QString bridge;
    // Empty when the network serves every hypervisor.
    QString clusterUuid;
    QString ip;
    QString netmask;
    QString gateway;
    QList<IpRange> ranges;
    // The network of the IPAM tree it is (/api/networks/{id}/), and that network's site; none
    // only for a static network made before IPAM held them, until the next start.
    std::optional<qint64> ipamNetworkId;
    qint64 siteId = 0;

    // {uuid, name, description, bridge, cluster, ip, netmask, gateway, ranges, ipam_network,
    // site_id}.
    QJsonObject toJson() const;
};

} // namespace Cairn
