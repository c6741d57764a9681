#include "VirtController.h"

#include "CoreServices.h"
#include "Counted.h"
#include "EnomalismSupport.h"
#include "routing/Router.h"
#include "virt/MachineActions.h"

#include <QJsonArray>

namespace Cairn {

namespace {

using Enomalism::answer;
using Enomalism::failure;
using Enomalism::machineAnswer;

HttpResponse listMachines(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<Machine>> machines = core.virt().machines(*request.identity);
    if (!machines)
        return failure(machines.error());
    QJsonArray uuids;
    for (const Machine &machine : machines.value())
        uuids.append(machine.uuid);
    return answer({{QStringLiteral("machines"), uuids}},
                  counted(uuids.size(), QStringLiteral("machine"), QStringLiteral("machines")) +
                      QLatin1Char('.'));
}

HttpResponse showMachine(CoreServices &core, const ApiRequest &request)
{
    const Result<Machine> found =
        core.virt().machine(*request.identity, request.pathParam(QStringLiteral("uuid")));
    if (!found)
        return failure(found.error());
    const Result<Machine> machine = core.staticNetworks().addressed(found.value());
    if (!machine)
        return failure(machine.error());
    return machineAnswer(machine.value(), QStringLiteral("Machine %1.").arg(machine->name));
}

HttpResponse triggerStatusUpdates(CoreServices &core, const ApiRequest &request)
{
    return HttpResponse::later([services = &core, caller = *request.identity,
                                uuid = request.pathParam(QStringLiteral("uuid"))] {
        const Result<Machine> machine = services->virt().refresh(caller, uuid);
        if (!machine)
            return failure(machine.error());
        return machineAnswer(
            machine.value(),
            QStringLiteral("Status of %1 updated from its hypervisor.").arg(machine->name));
    });
}

HttpResponse listActions(CoreServices &core, const ApiRequest &request)
{
    const Result<QStringList> actions =
        core.virt().actionsOf(*request.identity, request.pathParam(QStringLiteral("uuid")));
    if (!actions)
        return failure(actions.error());
    return answer({{QStringLiteral("result"), QJsonArray::fromStringList(actions.value())}},
                  QStringLiteral("Actions the machine's state allows now."));
}

// State actions answer once done when that is quick; a machine busy with a long transaction
// leaves the caller a txid to follow.
constexpr int StateActionWaitMs = 30000;

HttpResponse runAction(CoreServices &core, const ApiRequest &request, const QString &action)
{
    return HttpResponse::later([services = &core, caller = *request.identity, action,
                                uuid = request.pathParam(QStringLiteral("uuid"))] {
        const Result<VirtTransaction> started = services->virt().act(caller, uuid, action);
        if (!started)
            return failure(started.error());
        return Enomalism::transactionAnswer(*services, started.value(), StateActionWaitMs);
    });
}

HttpResponse unlock(CoreServices &core, const ApiRequest &request)
{
    const Result<Machine> machine =
        core.virt().setLocked(*request.identity, request.pathParam(QStringLiteral("uuid")), false);
    if (!machine)
        return failure(machine.error());
    return answer({}, QStringLiteral("Machine %1 unlocked.").arg(machine->name));
}

// The machine's hypervisor, and the others it could run on (up, of the same class).
HttpResponse machineHypervisors(CoreServices &core, const Identity &caller, const QString &uuid,
                                const QString &message)
{
    const Result<Machine> machine = core.virt().machine(caller, uuid);
    if (!machine)
        return failure(machine.error());
    const Result<QList<Hypervisor>> all = core.virt().hypervisors(caller);
    if (!all)
        return failure(all.error());
    QString virtClass;
    for (const Hypervisor &hypervisor : all.value()) {
        if (hypervisor.uuid == machine->hypervisorUuid)
            virtClass = hypervisor.virtClass;
    }
    QJsonArray candidates;
    for (const Hypervisor &hypervisor : all.value()) {
        if (hypervisor.uuid != machine->hypervisorUuid && hypervisor.state == u"up" &&
            hypervisor.virtClass == virtClass)
            candidates.append(hypervisor.uuid);
    }
    return answer({{QStringLiteral("hypervisors"), QJsonArray{machine->hypervisorUuid}},
                   {QStringLiteral("candidates"), candidates}},
                  message);
}

HttpResponse hypervisorsOfMachine(CoreServices &core, const ApiRequest &request)
{
    const QString uuid = request.pathParam(QStringLiteral("uuid"));
    const Result<QString> url = Enomalism::variable(request, QStringLiteral("virt_url"));
    const Result<QString> virtClass = Enomalism::variable(request, QStringLiteral("virt_class"));
    if (!url || !virtClass)
        return failure(url ? virtClass.error() : url.error());
    if (url->isEmpty())
        return machineHypervisors(core, *request.identity, uuid,
                                  QStringLiteral("The machine's hypervisor and candidates."));
    return HttpResponse::later([services = &core, caller = *request.identity, uuid,
                                url = url.value(), virtClass = virtClass.value()] {
        const Result<Hypervisor> added = services->virt().addHypervisor(caller, url, virtClass);
        if (!added)
            return failure(added.error());
        return machineHypervisors(
            *services, caller, uuid,
            QStringLiteral("Hypervisor %1 (%2) added.").arg(added->uuid, added->uri));
    });
}

HttpResponse hypervisorAnswer(const Hypervisor &hypervisor, const QString &message)
{
    return answer({{QStringLiteral("uuid"), hypervisor.uuid},
                   {QStringLiteral("hypervisor"), hypervisor.toJson()}},
                  message);
}

HttpResponse showHypervisor(CoreServices &core, const ApiRequest &request)
{
    const Result<Hypervisor> hypervisor =
        core.virt().hypervisor(*request.identity, request.pathParam(QStringLiteral("uuid")));
    if (!hypervisor)
        return failure(hypervisor.error());
    return hypervisorAnswer(hypervisor.value(),
                            QStringLiteral("Hypervisor %1.").arg(hypervisor->name));
}

HttpResponse deleteHypervisor(CoreServices &core, const ApiRequest &request)
{
    const Result<Hypervisor> deleted =
        core.virt().deleteHypervisor(*request.identity, request.pathParam(QStringLiteral("uuid")));
    if (!deleted)
        return failure(deleted.error());
    return hypervisorAnswer(
        deleted.value(),
        QStringLiteral("Hypervisor %1 and its machines are no longer managed by Cairn; libvirt "
                       "was not changed.")
            .arg(deleted->name));
}

} // namespace

void VirtController::registerRoutes(Router &router, CoreServices &core)
{
    using Enomalism::addRoute;
    const auto list = [&core](const ApiRequest &request) {
        return listMachines(core, request);
    };
    for (const QString &path :
         {QStringLiteral("/rest/machines/"), QStringLiteral("/rest/machine/")}) {
        for (const char *method : {"GET", "POST"}) {
            addRoute(
                router, method, path, QStringLiteral("List machines"),
                QStringLiteral("`{machines: [uuid, ...]}`: the machines you may view, from the "
                               "last synchronisation."),
                list);
        }
    }
    addRoute(
        router, "GET", QStringLiteral("/rest/machine/{uuid}/"), QStringLiteral("Get a machine"),
        QStringLiteral("`{machine, info, machine_obj, hypervisors}`; machine_obj is `{uuid, name, "
                       "state, hypervisor, vcpus, memory (KiB), interfaces, disks, persistent, "
                       "managed, locked, synced}`."),
        [&core](const ApiRequest &request) { return showMachine(core, request); });
    for (const char *method : {"GET", "POST"}) {
        addRoute(
            router, method, QStringLiteral("/rest/machine/{uuid}/trigger_status_updates/"),
            QStringLiteral("Update a machine's status"),
            QStringLiteral("Synchronises the machine's hypervisor now and answers the machine as "
                           "it is; 503 with errno when the hypervisor cannot be reached (the "
                           "machine is kept, in state unknown)."),
            [&core](const ApiRequest &request) { return triggerStatusUpdates(core, request); });
    }
    for (const char *method : {"GET", "POST"}) {
        addRoute(
            router, method, QStringLiteral("/rest/machine/{uuid}/hypervisors/"),
            QStringLiteral("A machine's hypervisors, or add one"),
            QStringLiteral("`{hypervisors: [uuid], candidates: [uuid, ...]}`: the machine's "
                           "hypervisor and the others of its class that are up. With `virt_url` "
                           "(a libvirt URI) and optionally `virt_class`, registers that "
                           "hypervisor first: it must answer (503, errno 8, when it does not), "
                           "and is synchronised at once."),
            [&core](const ApiRequest &request) { return hypervisorsOfMachine(core, request); },
            {{"virt_url"}, {"virt_class"}});
        addRoute(router, method, QStringLiteral("/rest/machine/{uuid}/actions/"),
                 QStringLiteral("Actions available to a machine"),
                 QStringLiteral("`{result: [action, ...]}`: every action the machine's state "
                                "allows now: the state actions, store_xml, manage (until "
                                "managed), package (shut off), totaldelete and provision. A "
                                "locked machine: unlock only."),
                 [&core](const ApiRequest &request) { return listActions(core, request); });
    }
    addRoute(router, "POST", QStringLiteral("/rest/machine/{uuid}/actions/unlock/"),
             QStringLiteral("Machine action: unlock"),
             QStringLiteral("Lifts an operator's lock at once, even while transactions run. Needs "
                            "the control permission on the machine."),
             [&core](const ApiRequest &request) { return unlock(core, request); });
    for (const QString &action : MachineActions::stateActions()) {
        addRoute(
            router, "POST", QStringLiteral("/rest/machine/{uuid}/actions/%1/").arg(action),
            QStringLiteral("Machine action: %1").arg(action),
            QStringLiteral("A transaction: answers `{txid, data: {machine, state}}` once done, or "
                           "202 with `{txid}` when it takes longer than 30 s. 409 (errno 6) when "
                           "the machine is locked, busy with another transaction (the message "
                           "names it) or in a state that does not allow it. Needs the control "
                           "permission."),
            [&core, action](const ApiRequest &request) {
                return runAction(core, request, action);
            });
    }
    // libvirt calls starting a domain "create"; people say start.
    addRoute(router, "POST", QStringLiteral("/rest/machine/{uuid}/actions/start/"),
             QStringLiteral("Machine action: start (create)"),
             QStringLiteral("The same transaction as `create`: starts a shut-off or crashed "
                            "machine."),
             [&core](const ApiRequest &request) {
                 return runAction(core, request, QStringLiteral("create"));
             });
    addRoute(
        router, "GET", QStringLiteral("/rest/hypervisor/{uuid}/"),
        QStringLiteral("Get a hypervisor"),
        QStringLiteral("`{uuid, hypervisor: {uuid, name, uri, virt_class, state, capacity {cpus, "
                       "memory, free_memory}, last_error, synced}}`."),
        [&core](const ApiRequest &request) { return showHypervisor(core, request); });
    addRoute(router, "DELETE", QStringLiteral("/rest/hypervisor/{uuid}/"),
             QStringLiteral("Delete a hypervisor"),
             QStringLiteral("Cairn forgets the hypervisor and its machines; nothing changes in "
                            "libvirt."),
             [&core](const ApiRequest &request) { return deleteHypervisor(core, request); });
}

} // namespace Cairn
