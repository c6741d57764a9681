#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace Cairn {

// A network interface of a device, with the host addresses assigned to it. Its natural key
// is "hostname:name" (name_slug), so renaming the device renames the key.
struct Interface
{
    qint64 id = 0;
    qint64 siteId = 0;
    qint64 deviceId = 0;
    QString deviceHostname;
    std::optional<qint64> parentId;
    QString parentName;
    QString name;
    QString description;
    int type = 6;
    std::optional<qint64> macAddress = 0;
    std::optional<int> speed = 1000;
    // Assigned host addresses and the networks they belong to, as CIDRs.
    QStringList addresses;
    QStringList networks;
    QJsonObject attributes;

    QString nameSlug() const { return deviceHostname + QLatin1Char(':') + name; }
    QJsonObject toJson() const;

    // IANA ifType numbers NSoT knows: ethernet, other, l2vlan, l3vlan, lag, loopback, mpls,
    // prop_virtual, tunnel.
    static const QList<int> Types;
};

// One address on one interface, as NSoT's assignments list it.
struct Assignment
{
    qint64 id = 0;
    qint64 deviceId = 0;
    QString hostname;
    qint64 interfaceId = 0;
    QString interfaceName;
    QString address;

    QJsonObject toJson() const;
};

} // namespace Cairn
