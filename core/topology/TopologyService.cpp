#include "TopologyService.h"

#include "inventory/DeviceService.h"
#include "virt/VirtService.h"

#include <QSet>

namespace Cairn {

Result<TopologyGraph> TopologyService::graph(const Identity &caller, DeviceFilter filter,
                                             bool machines)
{
    const bool wholeNetwork = !filter.siteId && !filter.ids && filter.textMatches.isEmpty() &&
                              filter.hostname.isEmpty() && filter.attributes.isEmpty();
    TopologyGraph graph;
    const Result<qint64> matched = m_devices.count(filter);
    if (!matched)
        return matched.error();
    graph.devicesMatched = matched.value();
    filter.order = DeviceOrder::Hostname;
    filter.limit = MaxDevices;
    filter.offset = 0;
    const Result<QList<Device>> devices = m_devices.list(filter);
    if (!devices)
        return devices.error();
    QSet<qint64> shown;
    graph.nodes.reserve(devices->size());
    for (const Device &device : devices.value()) {
        shown.insert(device.id);
        graph.nodes << TopologyNode{TopologyNode::Kind::Device,
                                    device.id,
                                    device.hostname,
                                    device.icon,
                                    device.siteId,
                                    {},
                                    {}};
    }
    const Result<void> read = m_links.each([&graph, &shown](const Link &link) {
        if (link.sourceId != link.destinationId && shown.contains(link.sourceId) &&
            shown.contains(link.destinationId)) {
            graph.edges << TopologyEdge{
                link.id != 0 ? TopologyEdge::Kind::Link : TopologyEdge::Kind::Circuit,
                link.name,
                TopologyNode::keyOf(TopologyNode::Kind::Device, link.sourceId),
                TopologyNode::keyOf(TopologyNode::Kind::Device, link.destinationId),
                link.sourceInterface,
                link.destinationInterface,
                link.color};
        }
        return true;
    });
    if (!read)
        return read.error();
    if (machines) {
        if (Result<void> added = addMachines(caller, wholeNetwork, graph); !added)
            return added.error();
    }
    return graph;
}

Result<void> TopologyService::addMachines(const Identity &caller, bool wholeNetwork,
                                          TopologyGraph &graph)
{
    const Result<QList<Hypervisor>> hypervisors = m_virt.hypervisors(caller);
    if (!hypervisors)
        return hypervisors.error();
    QHash<QString, QString> deviceByName;
    for (const TopologyNode &node : std::as_const(graph.nodes))
        deviceByName.insert(node.name.toLower(), node.key());
    // The node each hypervisor's machines hang under, by the hypervisor's id.
    QHash<qint64, QString> parents;
    for (const Hypervisor &hypervisor : hypervisors.value()) {
        const QString device = deviceByName.value(hypervisor.name.toLower());
        if (!device.isEmpty()) {
            parents.insert(hypervisor.id, device);
        } else if (wholeNetwork) {
            TopologyNode node{TopologyNode::Kind::Hypervisor,
                              hypervisor.id,
                              hypervisor.name,
                              {},
                              0,
                              hypervisor.state,
                              {}};
            parents.insert(hypervisor.id, node.key());
            graph.nodes << node;
        }
    }
    const Result<QList<Machine>> machines = m_virt.machines(caller);
    if (!machines)
        return machines.error();
    for (const Machine &machine : machines.value()) {
        const QString parent = parents.value(machine.hypervisorId);
        if (parent.isEmpty())
            continue;
        TopologyNode node{
            TopologyNode::Kind::Machine, machine.id, machine.name, {}, 0, machine.state, parent};
        graph.edges << TopologyEdge{
            TopologyEdge::Kind::Placement, machine.name, parent, node.key(), {}, {}, {}};
        graph.nodes << node;
    }
    return {};
}

Result<QHash<QString, QPointF>> TopologyService::positions(const Identity &caller)
{
    return m_positions.forUser(caller.user.id);
}

Result<void> TopologyService::savePositions(const Identity &caller,
                                            const QHash<QString, QPointF> &places)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot arrange the topology."));
    // A hypervisor is placed only by who may view it.
    const auto isHypervisor = [](const QString &key) {
        const auto node = TopologyNode::parseKey(key);
        return node && node->first == TopologyNode::Kind::Hypervisor;
    };
    QHash<QString, QPointF> allowed = places;
    if (std::any_of(places.keyBegin(), places.keyEnd(), isHypervisor)) {
        const Result<QList<Hypervisor>> viewable = m_virt.hypervisors(caller);
        if (!viewable)
            return viewable.error();
        QSet<QString> keys;
        for (const Hypervisor &hypervisor : viewable.value())
            keys.insert(TopologyNode::keyOf(TopologyNode::Kind::Hypervisor, hypervisor.id));
        allowed.removeIf([&](const auto &place) {
            return isHypervisor(place.key()) && !keys.contains(place.key());
        });
    }
    return m_positions.save(caller.user.id, allowed);
}

} // namespace Cairn
