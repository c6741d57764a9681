#include "ClusterService.h"

#include "VirtService.h"
#include "auth/PermissionService.h"
#include "auth/Viewable.h"

namespace Cairn {

namespace {

constexpr int MaxNameLength = 100;

Result<QString> checkedName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::invalidField(QStringLiteral("cluster_name"),
                                   QStringLiteral("Give the cluster a name."));
    if (trimmed.size() > MaxNameLength)
        return Error::invalidField(QStringLiteral("cluster_name"),
                                   QStringLiteral("At most %1 characters.").arg(MaxNameLength));
    return trimmed;
}

} // namespace

ClusterService::ClusterService(Database &database, PermissionService &permissions,
                               VirtService &virt)
    : m_clusters(database)
    , m_permissions(permissions)
    , m_virt(virt)
{
}

Result<QList<Cluster>> ClusterService::list(const Identity &caller)
{
    const Result<QList<Cluster>> all = m_clusters.list();
    if (!all)
        return all.error();
    return viewable(m_permissions, caller, ObjectType, all.value());
}

Result<Cluster> ClusterService::allowed(const Identity &caller, const QString &uuid, Action action)
{
    Result<Cluster> cluster = m_clusters.byUuid(uuid);
    if (!cluster)
        return cluster;
    const Result<void> may =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), cluster->id, action);
    if (!may)
        return may.error();
    return cluster;
}

Result<Cluster> ClusterService::get(const Identity &caller, const QString &uuid)
{
    return allowed(caller, uuid, Action::View);
}

Result<Cluster> ClusterService::create(const Identity &caller, const QString &name)
{
    const Result<void> may =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), std::nullopt, Action::Add);
    if (!may)
        return may.error();
    const Result<QString> checked = checkedName(name);
    if (!checked)
        return checked.error();
    return m_clusters.insert(checked.value());
}

Result<Cluster> ClusterService::rename(const Identity &caller, const QString &uuid,
                                       const QString &name)
{
    Result<Cluster> cluster = allowed(caller, uuid, Action::Change);
    if (!cluster)
        return cluster;
    const Result<QString> checked = checkedName(name);
    if (!checked)
        return checked.error();
    const Result<void> renamed = m_clusters.rename(cluster->id, checked.value());
    if (!renamed)
        return renamed.error();
    return m_clusters.byUuid(uuid);
}

Result<void> ClusterService::remove(const Identity &caller, const QString &uuid)
{
    const Result<Cluster> cluster = allowed(caller, uuid, Action::Delete);
    if (!cluster)
        return cluster.error();
    return m_clusters.remove(cluster->id);
}

Result<QStringList> ClusterService::clustersOf(const Identity &caller, const QString &machineUuid)
{
    const Result<Machine> machine = m_virt.machine(caller, machineUuid);
    if (!machine)
        return machine.error();
    return m_clusters.clustersOfMachine(machine->id);
}

Result<Cluster> ClusterService::addMachine(const Identity &caller, const QString &clusterUuid,
                                           const QString &machineUuid)
{
    const Result<Machine> machine = m_virt.machine(caller, machineUuid);
    if (!machine)
        return machine.error();
    if (clusterUuid.isEmpty())
        return Error::invalidField(QStringLiteral("clusters"),
                                   QStringLiteral("Give the uuid of the cluster to add the "
                                                  "machine to."));
    Result<Cluster> cluster = allowed(caller, clusterUuid, Action::Change);
    if (!cluster)
        return cluster;
    const Result<void> added = m_clusters.addMachine(cluster->id, machine->id);
    if (!added)
        return added.error();
    return m_clusters.byUuid(clusterUuid);
}

Result<Cluster> ClusterService::addHypervisor(const Identity &caller, const QString &clusterUuid,
                                              const QString &hypervisorUuid)
{
    Result<Cluster> cluster = allowed(caller, clusterUuid, Action::Change);
    if (!cluster)
        return cluster;
    const Result<Hypervisor> hypervisor = m_virt.hypervisor(caller, hypervisorUuid);
    if (!hypervisor) {
        if (hypervisor.error().code != ErrorCode::NotFound)
            return hypervisor.error();
        return Error::invalidField(QStringLiteral("hypervisor"),
                                   QStringLiteral("No hypervisor %1.").arg(hypervisorUuid));
    }
    const Result<void> added = m_clusters.addHypervisor(cluster->id, hypervisor->id);
    if (!added)
        return added.error();
    return m_clusters.byUuid(cluster->uuid);
}

Result<QStringList> ClusterService::clustersOfHypervisor(qint64 hypervisorId)
{
    return m_clusters.clustersOfHypervisor(hypervisorId);
}

Result<QStringList> ClusterService::joinClustersOfHypervisor(const Machine &machine)
{
    const Result<QList<Cluster>> all = m_clusters.list();
    if (!all)
        return all.error();
    QStringList joined;
    for (const Cluster &cluster : all.value()) {
        if (!cluster.hypervisors.contains(machine.hypervisorUuid))
            continue;
        const Result<void> added = m_clusters.addMachine(cluster.id, machine.id);
        if (!added)
            return added.error();
        joined << cluster.uuid;
    }
    return joined;
}

} // namespace Cairn
