#pragma once

#include "net/IpNetwork.h"

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace Cairn {

// A network or host address in a site's IP address tree. `parentId` is always the longest
// existing supernet (the service keeps it so as networks are added and removed).
struct Network
{
    qint64 id = 0;
    qint64 siteId = 0;
    std::optional<qint64> parentId;
    // The parent's CIDR, shown beside its id.
    QString parentCidr;
    IpNetwork ip;
    QString state = QStringLiteral("allocated");
    QJsonObject attributes;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    // NSoT's shape: ip_version is a string ("4" or "6").
    QJsonObject toJson() const;

    static const QStringList States;
    static const QString Reserved;
    static const QString Assigned;
};

} // namespace Cairn
