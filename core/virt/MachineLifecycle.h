#pragma once

#include "PackageService.h"
#include "VirtTransaction.h"
#include "auth/Identity.h"

#include <QString>

namespace Cairn {

class ClusterService;
struct Job;
class JobContext;
class StaticNetworkService;
class VirtService;
struct Hypervisor;
struct Machine;

// What provision is asked for (Enomalism 2.20).
struct ProvisionRequest
{
    QString packageUuid;
    // Empty: the hypervisor of the package's class with the most free memory.
    QString hypervisorUuid;
    // Empty: the package's name and the start of the new uuid.
    QString name;
};

// A started provision: the machine it will create and the transaction creating it.
struct Provisioning
{
    QString machineUuid;
    VirtTransaction transaction;
};

// The actions that make and unmake machines (Enomalism 2.18-2.20), each a transaction with
// real progress that cleans up after itself when it fails or is cancelled: package a stopped
// machine into the repository, provision a new machine from a package, totaldelete one.
class MachineLifecycle
{
public:
    MachineLifecycle(VirtService &virt, PackageService &packages, StaticNetworkService &networks,
                     ClusterService &clusters, QString provisionDir);

    // From a shut-off machine (`control` on it, `add` on packages); `data.package` names the
    // package once done.
    Result<std::pair<QString, VirtTransaction>> package(const Identity &caller,
                                                        const QString &machineUuid);
    Result<Provisioning> provision(const Identity &caller, const ProvisionRequest &request);
    // Stops and undefines the machine, deletes the disks Cairn created for it, releases its
    // addresses and forgets it (`delete` on the machine).
    Result<VirtTransaction> totalDelete(const Identity &caller, const QString &machineUuid);
    // Blocking: adopts a machine found on a hypervisor (`change` on it): it joins its
    // hypervisor's clusters, and the addresses its definition records (a machine Cairn
    // provisioned before its database was lost, or another Cairn did) are leased to it again
    // from the static networks that hold them. `{clusters, addresses: [{mac, ip, network}],
    // not_leased: [{mac, ip, reason}]}`: an address outside every network, or leased to another
    // machine, is reported, not taken.
    Result<QJsonObject> manage(const Identity &caller, const QString &machineUuid);

    // Where a provisioned machine's disks are: <provisioning folder>/<uuid>/.
    QString imagesOf(const QString &machineUuid) const;

private:
    Result<Hypervisor> placement(const Identity &caller, const ProvisionRequest &request,
                                 const Package &package);
    Result<QJsonObject> buildPackage(JobContext &context, const Machine &machine,
                                     const QString &packageUuid);
    Result<QJsonObject> provisionMachine(JobContext &context, const Package &package,
                                         const Hypervisor &hypervisor, const QString &uuid,
                                         const QString &name);
    Result<QJsonObject> deleteMachine(JobContext &context, const Machine &machine);
    // After a crash: what a provision left (definition, disks, addresses) is removed, unless
    // the machine had been made and recorded, which is then kept.
    QString recoverProvision(const Job &job);

    VirtService &m_virt;
    PackageService &m_packages;
    StaticNetworkService &m_networks;
    ClusterService &m_clusters;
    QString m_imagesDirectory;
};

} // namespace Cairn
