#pragma once

#include "DomainPolicy.h"
#include "HypervisorRepository.h"
#include "HypervisorUriPolicy.h"
#include "LibvirtConnection.h"
#include "MachineRepository.h"
#include "MachineTransactions.h"
#include "auth/Action.h"
#include "auth/Identity.h"

#include <QHash>
#include <QMutex>
#include <memory>

namespace Cairn {

class PermissionService;

// A machine's hypervisor and the open connection to it.
struct MachineHost
{
    Hypervisor hypervisor;
    std::shared_ptr<LibvirtConnection> connection;
};

// Hypervisors and the machines on them. Reads come from the synchronised state in the
// database and never wait for a hypervisor; synchronise() and the calls that reach libvirt
// block, so they run on worker threads.
class VirtService
{
public:
    static constexpr const char *HypervisorType = "hypervisor";
    static constexpr const char *MachineType = "machine";

    VirtService(Database &database, PermissionService &permissions, JobManager &jobs,
                const VirtSettings &settings);

    // The machines the caller may view.
    Result<QList<Machine>> machines(const Identity &caller);
    Result<Machine> machine(const Identity &caller, const QString &uuid);
    Result<QList<Hypervisor>> hypervisors(const Identity &caller);
    Result<Hypervisor> hypervisor(const Identity &caller, const QString &uuid);
    // Blocking: checks the URI against HypervisorUriPolicy (400 naming virt_url), connects (503
    // when it cannot), checks `virtClass` when given (400 when the
    // driver is another), registers and synchronises the hypervisor. 409 for a known URI.
    Result<Hypervisor> addHypervisor(const Identity &caller, const QString &uri,
                                     const QString &virtClass);
    // Forgets the hypervisor and its machines in Cairn (libvirt is not touched); returns what
    // was forgotten.
    Result<Hypervisor> deleteHypervisor(const Identity &caller, const QString &uuid);

    // Blocking: reads the hypervisor's host and domains into the database. An unreachable
    // hypervisor is recorded as such and its machines kept as unknown; the error is returned.
    Result<Hypervisor> synchronise(const Hypervisor &hypervisor);
    // Every hypervisor, one after the other; the errors of unreachable ones are recorded, not
    // returned.
    Result<void> synchroniseAll();
    // Every registered hypervisor, whoever may view it: what the poller synchronises.
    Result<QList<Hypervisor>> registered();
    // trigger_status_updates: the machine's hypervisor synchronised, then the machine as it is.
    Result<Machine> refresh(const Identity &caller, const QString &uuid);

    // What the machine's state allows now (MachineActions).
    Result<QStringList> actionsOf(const Identity &caller, const QString &uuid);
    // Starts one state action (MachineActions::stateActions(); `control` permission) as a
    // transaction. 409 when the machine is locked, busy with another transaction (named), or in
    // a state that does not allow the action.
    Result<VirtTransaction> act(const Identity &caller, const QString &uuid, const QString &action);
    // An operator's lock: it refuses every action but unlock, at once (`control` permission).
    Result<Machine> setLocked(const Identity &caller, const QString &uuid, bool locked);

    // store_xml / xmldesc: `xml` (else the live definition) checked and queued as a transaction
    // that makes it the persistent definition. Malformed XML, another uuid or XML libvirt
    // refuses is 400 naming xmldesc, and the definition is unchanged (`change` permission).
    Result<VirtTransaction> storeXml(const Identity &caller, const QString &uuid,
                                     const std::optional<QString> &xml);
    // Blocking: renames the domain, which must be shut off (`change` permission).
    Result<Machine> rename(const Identity &caller, const QString &uuid, const QString &name);
    // Blocking: the machine is now on that hypervisor (it was moved outside Cairn); 409 when
    // the hypervisor has no such domain.
    Result<Machine> setParent(const Identity &caller, const QString &uuid,
                              const QString &hypervisorUuid);

    // For the services that build on this one (MachineLifecycle): the machine, if the caller
    // may `action` it.
    Result<Machine> machineFor(const Identity &caller, const QString &uuid, Action action);
    Result<std::shared_ptr<LibvirtConnection>> connectionOf(const Hypervisor &hypervisor);
    // `work` as a transaction on the machine, refused while another runs; `details` are kept for
    // the action's recovery.
    Result<VirtTransaction> startTransaction(const Identity &caller, const QString &machineUuid,
                                             const QString &action, JobHandler work,
                                             const QJsonObject &details = {});
    void registerTransactionRecovery(const QString &action, JobRecovery recovery);
    // The machine recorded under this uuid, whoever may see it (recoveries).
    Result<std::optional<Machine>> recordedMachine(const QString &uuid);
    // The domain as its hypervisor now reports it, recorded.
    Result<Machine> record(const Hypervisor &hypervisor, const DomainFacts &domain);
    Result<void> forget(const Machine &machine);
    Result<void> markManaged(const Machine &machine);
    // May the caller create machines (provision).
    Result<void> mayAddMachines(const Identity &caller);
    // The machine's hypervisor, connected.
    Result<MachineHost> reach(const Machine &machine);
    // What definitions for this hypervisor may name: the images folders and its storage pools.
    Result<DomainPolicy> domainPolicy(const LibvirtConnection &connection) const;
    // The XML parsed and held to domainPolicy(); errors name `field`.
    Result<void> checkDefinition(const LibvirtConnection &connection, const QString &xml,
                                 const QString &field) const;

    // Seen by whoever asked for it and by those who may view its machine.
    Result<VirtTransaction> transaction(const Identity &caller, const QString &uuid);
    // Newest first: every transaction for a caller who may view every machine, else the
    // caller's own; `limit` from `offset`, and how many there are in all.
    Result<QList<VirtTransaction>> transactions(const Identity &caller, int limit, int offset);
    Result<qint64> transactionCount(const Identity &caller);
    // By whoever asked for it or may control its machine; finished ones are left as they are.
    Result<VirtTransaction> cancelTransaction(const Identity &caller, const QString &uuid);
    Result<VirtTransaction> waitForTransaction(const VirtTransaction &transaction, int timeoutMs);

private:
    Result<std::shared_ptr<LibvirtConnection>> connectionTo(const QString &uri);
    void dropConnection(const QString &uri);
    // Whether the machine as it is now allows the action: Conflict naming why not.
    static Result<void> allows(const Machine &machine, const QString &action);
    // Whose transactions the caller may list: nullopt (everyone's) with `view` on every machine.
    Result<std::optional<qint64>> transactionOwnerFilter(const Identity &caller);
    // The transaction, if the caller asked for it or may `action` its machine.
    Result<VirtTransaction> transactionFor(const Identity &caller, const QString &uuid,
                                           Action action);
    Result<QJsonObject> runAction(JobContext &context, const QString &uuid, const QString &action);

    HypervisorRepository m_hypervisors;
    MachineRepository m_machines;
    PermissionService &m_permissions;
    HypervisorUriPolicy m_uriPolicy;
    QStringList m_imageDirs;
    QMutex m_connectionsMutex;
    QHash<QString, std::shared_ptr<LibvirtConnection>> m_connections;
    MachineTransactions m_transactions;
};

} // namespace Cairn
