#pragma once

#include "Result.h"
#include "TopologyGraph.h"
#include "TopologyPositionRepository.h"
#include "auth/Identity.h"
#include "automation/LinkRepository.h"
#include "inventory/DeviceRepository.h"

namespace Cairn {

class Database;
class DeviceService;
class VirtService;

// The one picture of the network no single peer draws: inventory devices with eNMS links, NSoT
// circuits and the LLDP neighbours ZTP learned as one edge set, and virtual machines under
// their hypervisors. Anyone signed in may read the devices and links; machines and hypervisors
// are those the caller may view. Each user keeps an arrangement of their own.
class TopologyService
{
public:
    // More devices than a person can read in one picture: the rest are counted, not drawn.
    static constexpr int MaxDevices = 5000;

    TopologyService(Database &database, DeviceService &devices, VirtService &virt)
        : m_links(database)
        , m_positions(database)
        , m_devices(devices)
        , m_virt(virt)
    {
    }

    // The devices `filter` finds (by hostname, at most MaxDevices), the edges between them and,
    // with `machines`, each hypervisor the caller may view with its machines: under the device
    // named as the hypervisor is, or, when no device is, under a node of its own that is shown
    // only when `filter` names no site, ids or text.
    Result<TopologyGraph> graph(const Identity &caller, DeviceFilter filter, bool machines);
    Result<QHash<QString, QPointF>> positions(const Identity &caller);
    // The caller's own arrangement; refused to a read-only token. Places of hypervisors the
    // caller may not view are left out.
    Result<void> savePositions(const Identity &caller, const QHash<QString, QPointF> &places);

private:
    Result<void> addMachines(const Identity &caller, bool wholeNetwork, TopologyGraph &graph);

    LinkRepository m_links;
    TopologyPositionRepository m_positions;
    DeviceService &m_devices;
    VirtService &m_virt;
};

} // namespace Cairn
