#pragma once

#include <QJsonObject>
#include <QStringList>

namespace Cairn {

// A kind of protocol (bgp, ospf, ...) in a site, naming the Protocol attributes every protocol
// of the kind must carry.
struct ProtocolType
{
    qint64 id = 0;
    qint64 siteId = 0;
    QString name;
    QString description;
    QList<qint64> requiredAttributeIds;
    QStringList requiredAttributes;

    // NSoT's shape: the site as `site`, required attributes by name.
    QJsonObject toJson() const;
};

} // namespace Cairn
