#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace Cairn {

// One node of the topology picture: an inventory device, a hypervisor no device stands for, or
// a virtual machine (drawn under its hypervisor).
struct TopologyNode
{
    enum class Kind
    {
        Device,
        Hypervisor,
        Machine,
    };

    Kind kind = Kind::Device;
    // The device's, hypervisor's or machine's id.
    qint64 id = 0;
    QString name;
    // A device's eNMS icon (router, switch, firewall, server, ...); empty for the others.
    QString icon;
    // A device's site; 0 for the others.
    qint64 siteId = 0;
    // A hypervisor's or machine's state as libvirt last said it.
    QString state;
    // A machine's hypervisor: the key of the device of the hypervisor's name, or of the
    // hypervisor's own node.
    QString parentKey;

    QString key() const { return keyOf(kind, id); }
    // "device:12", "hypervisor:3", "machine:40": unique across kinds, stable across reads.
    static QString keyOf(Kind kind, qint64 id);
    // The kind and id `key` names, when it is one keyOf() makes.
    static std::optional<std::pair<Kind, qint64>> parseKey(const QString &key);
};

} // namespace Cairn
