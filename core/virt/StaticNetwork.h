#pragma once

#include "IpRange.h"

#include <QJsonObject>
#include <QList>
#include <QString>

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

    // {uuid, name, description, bridge, cluster, ip, netmask, gateway, ranges}.
    QJsonObject toJson() const;
};

} // namespace Cairn
