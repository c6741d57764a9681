#include "MachineLifecycleController.h"

#include "CoreServices.h"
#include "EnomalismSupport.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

using Enomalism::answer;
using Enomalism::failure;
using Enomalism::variable;

// Quick transactions answer once done; a machine busy with a long one leaves a txid to follow.
constexpr int QuickTransactionWaitMs = 30000;

QString machineUuid(const ApiRequest &request)
{
    return request.pathParam(QStringLiteral("uuid"));
}

HttpResponse waited(CoreServices &core, const Result<VirtTransaction> &started)
{
    if (!started)
        return failure(started.error());
    return Enomalism::transactionAnswer(core, started.value(), QuickTransactionWaitMs);
}

HttpResponse storeXml(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<QString>> xml =
        Enomalism::optionalVariable(request, QStringLiteral("xmldesc"));
    if (!xml)
        return failure(xml.error());
    return HttpResponse::later([services = &core, caller = *request.identity,
                                uuid = machineUuid(request), xml = xml.value()] {
        return waited(*services, services->virt().storeXml(caller, uuid, xml));
    });
}

HttpResponse manage(CoreServices &core, const ApiRequest &request)
{
    return HttpResponse::later(
        [services = &core, caller = *request.identity, uuid = machineUuid(request)] {
            const Result<QJsonObject> adopted = services->lifecycle().manage(caller, uuid);
            if (!adopted)
                return failure(adopted.error());
            const Result<Machine> machine = services->virt().machine(caller, uuid);
            if (!machine)
                return failure(machine.error());
            return answer({{QStringLiteral("machine"), machine->uuid},
                           {QStringLiteral("machine_obj"), machine->toJson()},
                           {QStringLiteral("data"), adopted.value()}},
                          QStringLiteral("Machine %1 is managed by Cairn.").arg(machine->name));
        });
}

HttpResponse totalDelete(CoreServices &core, const ApiRequest &request)
{
    return HttpResponse::later(
        [services = &core, caller = *request.identity, uuid = machineUuid(request)] {
            return waited(*services, services->lifecycle().totalDelete(caller, uuid));
        });
}

HttpResponse package(CoreServices &core, const ApiRequest &request)
{
    const Result<std::pair<QString, VirtTransaction>> started =
        core.lifecycle().package(*request.identity, machineUuid(request));
    if (!started)
        return failure(started.error());
    return answer({{QStringLiteral("txid"), started->second.uuid},
                   {QStringLiteral("package"), started->first}},
                  QStringLiteral("Packaging into %1; follow it at /rest/transaction/%2/.")
                      .arg(started->first, started->second.uuid),
                  202);
}

HttpResponse provision(CoreServices &core, const ApiRequest &request)
{
    ProvisionRequest wanted;
    for (const auto &[name, member] : {std::pair("pkguuid", &ProvisionRequest::packageUuid),
                                       std::pair("hvmuuid", &ProvisionRequest::hypervisorUuid),
                                       std::pair("name", &ProvisionRequest::name)}) {
        const Result<QString> value = variable(request, QString::fromLatin1(name));
        if (!value)
            return failure(value.error());
        wanted.*member = value.value();
    }
    // The path names the template: the package itself, when pkguuid is not given.
    if (wanted.packageUuid.isEmpty())
        wanted.packageUuid = machineUuid(request);
    const Result<Provisioning> started = core.lifecycle().provision(*request.identity, wanted);
    if (!started)
        return failure(started.error());
    return answer({{QStringLiteral("newuuid"), started->machineUuid},
                   {QStringLiteral("txid"), started->transaction.uuid}},
                  QStringLiteral("Provisioning machine %1; follow it at /rest/transaction/%2/.")
                      .arg(started->machineUuid, started->transaction.uuid),
                  202);
}

HttpResponse machineUpdated(const Result<Machine> &machine, const QString &what)
{
    if (!machine)
        return failure(machine.error());
    return Enomalism::machineAnswer(machine.value(),
                                    QStringLiteral("Machine %1 %2.").arg(machine->name, what));
}

// POST /rest/machine/<UUID>/: action rename (name), xmldesc (xmldesc), set_parent (puuid),
// lock or unlock.
HttpResponse updateMachine(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> action = variable(request, QStringLiteral("action"));
    if (!action)
        return failure(action.error());
    const Identity caller = *request.identity;
    const QString uuid = machineUuid(request);
    if (action.value() == u"xmldesc")
        return storeXml(core, request);
    if (action.value() == u"lock" || action.value() == u"unlock") {
        const bool lock = action.value() == u"lock";
        return machineUpdated(core.virt().setLocked(caller, uuid, lock),
                              lock ? QStringLiteral("locked") : QStringLiteral("unlocked"));
    }
    for (const auto &[name, field] :
         {std::pair("rename", "name"), std::pair("set_parent", "puuid")}) {
        if (action.value() != QLatin1String(name))
            continue;
        const Result<QString> value = variable(request, QString::fromLatin1(field));
        if (!value)
            return failure(value.error());
        const bool rename = action.value() == u"rename";
        return HttpResponse::later([services = &core, caller, uuid, rename, value = value.value()] {
            return rename ? machineUpdated(services->virt().rename(caller, uuid, value),
                                           QStringLiteral("renamed"))
                          : machineUpdated(services->virt().setParent(caller, uuid, value),
                                           QStringLiteral("now on its new hypervisor"));
        });
    }
    return failure(Error::invalidField(
        QStringLiteral("action"),
        QStringLiteral("The action is rename, xmldesc, set_parent, lock or unlock.")));
}

} // namespace

void MachineLifecycleController::registerRoutes(Router &router, CoreServices &core)
{
    using Enomalism::addRoute;
    const auto route = [&](const char *method, const QString &action, const QString &summary,
                           const QString &description,
                           HttpResponse (*handle)(CoreServices &, const ApiRequest &),
                           const QList<Enomalism::Variable> &variables = {}) {
        addRoute(
            router, method, QStringLiteral("/rest/machine/{uuid}/actions/%1/").arg(action), summary,
            description,
            [&core, handle](const ApiRequest &request) { return handle(core, request); },
            variables);
    };
    route("POST", QStringLiteral("store_xml"), QStringLiteral("Machine action: store_xml"),
          QStringLiteral("Makes `xmldesc` (or, without it, the live definition) the machine's "
                         "persistent definition, as a transaction answered once done. Malformed "
                         "XML, another machine's uuid or XML libvirt refuses: 400 naming xmldesc, "
                         "and the definition is unchanged. Needs the change permission."),
          storeXml, {{"xmldesc"}});
    route("POST", QStringLiteral("manage"), QStringLiteral("Machine action: manage"),
          QStringLiteral("Adopts a machine found on a hypervisor into Cairn (managed: true): it "
                         "joins its hypervisor's clusters, and the addresses its definition "
                         "records are leased to it again from the static networks holding them. "
                         "`{machine, machine_obj, data: {clusters, addresses: [{mac, ip, "
                         "network}], not_leased: [{mac, ip, reason}]}}`. Needs the change "
                         "permission."),
          manage);
    route("POST", QStringLiteral("totaldelete"), QStringLiteral("Machine action: totaldelete"),
          QStringLiteral("A transaction: stops and undefines the domain, deletes the disks Cairn "
                         "created for it, releases its addresses and forgets it. `data: {machine, "
                         "released_addresses, deleted_disks}`. Needs the delete permission."),
          totalDelete);
    route("POST", QStringLiteral("package"), QStringLiteral("Machine action: package"),
          QStringLiteral("From a shut-off machine (409 otherwise): a transaction that writes its "
                         "stripped XML, manifest and disk images (with sha1) into one archive in "
                         "the local repository. 202 `{txid, package}`."),
          package);
    for (const char *method : {"POST", "PUT"}) {
        route(method, QStringLiteral("provision"), QStringLiteral("Machine action: provision"),
              QStringLiteral("`pkguuid` (else the path's uuid), optionally `hvmuuid` (else the "
                             "hypervisor of the package's class with the most free memory) and "
                             "`name`: a transaction that copies the package's disks (checking "
                             "their sha1), gives the machine a new uuid and MACs and an address "
                             "per interface from the hypervisor's cluster's static network (or "
                             "one serving every hypervisor), defines and starts it. 202 "
                             "`{newuuid, txid}`; an exhausted network fails it with 409."),
              provision, {{"pkguuid"}, {"hvmuuid"}, {"name"}});
    }
    addRoute(router, "POST", QStringLiteral("/rest/machine/{uuid}/"),
             QStringLiteral("Update a machine"),
             QStringLiteral("`action`: rename (`name`; the machine must be shut off), xmldesc "
                            "(`xmldesc`, as store_xml), set_parent (`puuid`: the hypervisor it "
                            "now runs on), lock or unlock. Answers as GET."),
             [&core](const ApiRequest &request) { return updateMachine(core, request); },
             {{"action"}, {"name"}, {"xmldesc"}, {"puuid"}});
}

} // namespace Cairn
