#pragma once

#include "HypervisorRepository.h"
#include "LibvirtConnection.h"
#include "MachineRepository.h"
#include "auth/Identity.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <memory>

namespace Cairn {

class PermissionService;

// Hypervisors and the machines on them. Reads come from the synchronised state in the
// database and never wait for a hypervisor; synchronise() and the calls that reach libvirt
// block, so they run on worker threads.
class VirtService
{
public:
    static constexpr const char *HypervisorType = "hypervisor";
    static constexpr const char *MachineType = "machine";

    VirtService(Database &database, PermissionService &permissions);

    // The machines the caller may view.
    Result<QList<Machine>> machines(const Identity &caller);
    Result<Machine> machine(const Identity &caller, const QString &uuid);
    Result<QList<Hypervisor>> hypervisors(const Identity &caller);
    Result<Hypervisor> hypervisor(const Identity &caller, const QString &uuid);
    // Blocking: connects first (503 when it cannot), checks `virtClass` when given (400 when the
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
    // Blocking: one state action (MachineActions::all(); `control` permission), then the
    // machine as libvirt reports it. 409 when the machine is locked, busy with another action,
    // or in a state that does not allow it.
    Result<Machine> act(const Identity &caller, const QString &uuid, const QString &action);

private:
    Result<std::shared_ptr<LibvirtConnection>> connectionTo(const QString &uri);
    void dropConnection(const QString &uri);
    Result<Machine> runAction(const Machine &machine, const QString &action);

    HypervisorRepository m_hypervisors;
    MachineRepository m_machines;
    PermissionService &m_permissions;
    QMutex m_connectionsMutex;
    QHash<QString, std::shared_ptr<LibvirtConnection>> m_connections;
    // Machines with an action running: one at a time per machine.
    QMutex m_busyMutex;
    QSet<QString> m_busy;
};

} // namespace Cairn
