#pragma once

#include "ClusterRepository.h"
#include "auth/Action.h"
#include "auth/Identity.h"

namespace Cairn {

class PermissionService;
struct Machine;
class VirtService;

// Clusters: named groups of machines and hypervisors, with per-object permissions (object type
// "cluster": view, add, change, delete).
class ClusterService
{
public:
    static constexpr const char *ObjectType = "cluster";

    ClusterService(Database &database, PermissionService &permissions, VirtService &virt);

    Result<QList<Cluster>> list(const Identity &caller);
    Result<Cluster> get(const Identity &caller, const QString &uuid);
    // Errors name `cluster_name`.
    Result<Cluster> create(const Identity &caller, const QString &name);
    Result<Cluster> rename(const Identity &caller, const QString &uuid, const QString &name);
    Result<void> remove(const Identity &caller, const QString &uuid);
    // The clusters (uuids) of a machine the caller may view.
    Result<QStringList> clustersOf(const Identity &caller, const QString &machineUuid);
    Result<Cluster> addMachine(const Identity &caller, const QString &clusterUuid,
                               const QString &machineUuid);
    // Machines provisioned on the hypervisor get addresses from the cluster's static networks.
    Result<Cluster> addHypervisor(const Identity &caller, const QString &clusterUuid,
                                  const QString &hypervisorUuid);
    // The clusters (uuids) of a hypervisor, whoever asks: for placement and addressing.
    Result<QStringList> clustersOfHypervisor(qint64 hypervisorId);
    // An adopted machine joins its hypervisor's clusters; returns them.
    Result<QStringList> joinClustersOfHypervisor(const Machine &machine);

private:
    // The cluster, once the caller is allowed `action` on it.
    Result<Cluster> allowed(const Identity &caller, const QString &uuid, Action action);

    ClusterRepository m_clusters;
    PermissionService &m_permissions;
    VirtService &m_virt;
};

} // namespace Cairn
