#pragma once

#include <QString>

namespace Cairn {

// One edge of the topology picture, between two nodes' keys (TopologyNode::key()).
struct TopologyEdge
{
    enum class Kind
    {
        // An eNMS link (and the NSoT circuit of its name, when there is one).
        Link,
        // An NSoT circuit no link names: made through the NSoT face, or learned from the LLDP
        // neighbours a switch reported when it bootstrapped.
        Circuit,
        // A virtual machine on its hypervisor.
        Placement,
    };

    Kind kind = Kind::Link;
    QString name;
    QString sourceKey;
    QString targetKey;
    QString sourceInterface;
    QString targetInterface;
    // An eNMS link's colour, as eNMS stores it (a CSS colour); may be empty.
    QString color;
};

} // namespace Cairn
