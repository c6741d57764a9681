#include "VirtService.h"

#include "DomainDefinition.h"
#include "MachineActions.h"
#include "auth/PermissionService.h"
#include "auth/Viewable.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QUrl>

namespace Cairn {

VirtService::VirtService(Database &database, PermissionService &permissions, JobManager &jobs,
                         const VirtSettings &settings)
    : m_hypervisors(database)
    , m_machines(database)
    , m_permissions(permissions)
    , m_uriPolicy(settings)
    , m_imageDirs(settings.imageDirs)
    , m_transactions(database, jobs)
{
}

Result<QList<Machine>> VirtService::machines(const Identity &caller)
{
    const Result<QList<Machine>> all = m_machines.list();
    if (!all)
        return all.error();
    return viewable(m_permissions, caller, MachineType, all.value());
}

Result<Machine> VirtService::machine(const Identity &caller, const QString &uuid)
{
    Result<Machine> found = m_machines.byUuid(uuid);
    if (!found)
        return found;
    const Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(MachineType), found->id, Action::View);
    if (!allowed)
        return allowed.error();
    return found;
}

Result<QList<Hypervisor>> VirtService::hypervisors(const Identity &caller)
{
    const Result<QList<Hypervisor>> all = m_hypervisors.list();
    if (!all)
        return all.error();
    return viewable(m_permissions, caller, HypervisorType, all.value());
}

Result<Hypervisor> VirtService::hypervisor(const Identity &caller, const QString &uuid)
{
    Result<Hypervisor> found = m_hypervisors.byUuid(uuid);
    if (!found)
        return found;
    const Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(HypervisorType), found->id, Action::View);
    if (!allowed)
        return allowed.error();
    return found;
}

Result<Hypervisor> VirtService::addHypervisor(const Identity &caller, const QString &uri,
                                              const QString &virtClass)
{
    const Result<void> allowed = m_permissions.require(caller, QString::fromLatin1(HypervisorType),
                                                       std::nullopt, Action::Add);
    if (!allowed)
        return allowed.error();
    if (uri.trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("virt_url"),
                                   QStringLiteral("Give the hypervisor's libvirt URI."));
    const Result<std::shared_ptr<LibvirtConnection>> connection = connectionTo(uri);
    if (!connection)
        return connection.error();
    const Result<HostFacts> host = connection.value()->host();
    if (!host)
        return host.error();
    if (!virtClass.isEmpty() && virtClass.toLower() != host->virtClass)
        return Error::invalidField(
            QStringLiteral("virt_class"),
            QStringLiteral("%1 is a %2 hypervisor, not %3.").arg(uri, host->virtClass, virtClass));
    // Named after the host it reaches; a local URI (qemu:///system, test:///...) by itself.
    const QString hostName = QUrl(uri).host();
    Result<Hypervisor> added =
        m_hypervisors.insert(hostName.isEmpty() ? uri : hostName, uri, host->virtClass);
    if (!added)
        return added;
    return synchronise(added.value());
}

Result<Hypervisor> VirtService::deleteHypervisor(const Identity &caller, const QString &uuid)
{
    Result<Hypervisor> found = m_hypervisors.byUuid(uuid);
    if (!found)
        return found;
    const Result<void> allowed = m_permissions.require(caller, QString::fromLatin1(HypervisorType),
                                                       found->id, Action::Delete);
    if (!allowed)
        return allowed.error();
    const Result<void> removed = m_hypervisors.remove(found->id);
    if (!removed)
        return removed.error();
    dropConnection(found->uri);
    return found;
}

Result<void> VirtService::checkDefinition(const LibvirtConnection &connection, const QString &xml,
                                          const QString &field) const
{
    const Result<DomainPolicy> policy = domainPolicy(connection);
    if (!policy)
        return policy.error();
    const Result<DomainDefinition> definition = DomainDefinition::parse(xml, field);
    if (!definition)
        return definition.error();
    return policy->check(definition.value(), field);
}

Result<DomainPolicy> VirtService::domainPolicy(const LibvirtConnection &connection) const
{
    const Result<QStringList> pools = connection.storagePoolPaths();
    if (!pools)
        return pools.error();
    return DomainPolicy(m_imageDirs + pools.value());
}

Result<std::shared_ptr<LibvirtConnection>> VirtService::connectionTo(const QString &uri)
{
    {
        const QMutexLocker locker(&m_connectionsMutex);
        const auto kept = m_connections.constFind(uri);
        if (kept != m_connections.constEnd() && kept.value()->isAlive())
            return kept.value();
    }
    // Checked on every connect, not only when added: a URI stored before a policy change (or
    // written into the database by hand) is held to the same rules.
    const Result<void> allowed = m_uriPolicy.check(uri);
    if (!allowed)
        return allowed.error();
    // Opened outside the lock: a slow hypervisor must not hold up connections to the others.
    Result<std::unique_ptr<LibvirtConnection>> opened = LibvirtConnection::open(uri);
    if (!opened)
        return opened.error();
    std::shared_ptr<LibvirtConnection> connection = std::move(opened).value();
    const QMutexLocker locker(&m_connectionsMutex);
    m_connections.insert(uri, connection);
    return connection;
}

void VirtService::dropConnection(const QString &uri)
{
    const QMutexLocker locker(&m_connectionsMutex);
    m_connections.remove(uri);
}

Result<Hypervisor> VirtService::synchronise(const Hypervisor &hypervisor)
{
    const auto unreachable = [&](const Error &error) -> Result<Hypervisor> {
        dropConnection(hypervisor.uri);
        const Result<void> recorded = m_hypervisors.recordUnreachable(hypervisor.id, error.message);
        if (!recorded)
            return recorded.error();
        const Result<void> marked = m_machines.markUnknown(hypervisor.id);
        if (!marked)
            return marked.error();
        return error;
    };
    const Result<std::shared_ptr<LibvirtConnection>> connection = connectionTo(hypervisor.uri);
    if (!connection)
        return unreachable(connection.error());
    const Result<HostFacts> host = connection.value()->host();
    if (!host)
        return unreachable(host.error());
    const Result<QList<DomainFacts>> domains = connection.value()->domains();
    if (!domains)
        return unreachable(domains.error());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<void> replaced = m_machines.replaceFrom(hypervisor.id, domains.value(), now);
    if (!replaced)
        return replaced.error();
    const Result<void> recorded = m_hypervisors.recordReached(hypervisor.id, host.value(), now);
    if (!recorded)
        return recorded.error();
    return m_hypervisors.byUuid(hypervisor.uuid);
}

Result<QList<Hypervisor>> VirtService::registered()
{
    return m_hypervisors.list();
}

Result<void> VirtService::synchroniseAll()
{
    const Result<QList<Hypervisor>> all = m_hypervisors.list();
    if (!all)
        return all.error();
    for (const Hypervisor &hypervisor : all.value()) {
        const Result<Hypervisor> synchronised = synchronise(hypervisor);
        // Unreachable hypervisors are recorded; only a failing database stops the round.
        if (!synchronised && synchronised.error().code != ErrorCode::Unavailable)
            return synchronised.error();
    }
    return {};
}

Result<Machine> VirtService::refresh(const Identity &caller, const QString &uuid)
{
    Result<Machine> known = machine(caller, uuid);
    if (!known)
        return known;
    const Result<Hypervisor> host = m_hypervisors.byUuid(known->hypervisorUuid);
    if (!host)
        return host.error();
    const Result<Hypervisor> synchronised = synchronise(host.value());
    if (!synchronised)
        return synchronised.error();
    return m_machines.byUuid(uuid);
}

Result<QStringList> VirtService::actionsOf(const Identity &caller, const QString &uuid)
{
    const Result<Machine> found = machine(caller, uuid);
    if (!found)
        return found.error();
    return MachineActions::availableFor(found.value());
}

Result<Machine> VirtService::machineFor(const Identity &caller, const QString &uuid, Action action)
{
    Result<Machine> found = machine(caller, uuid);
    if (!found || action == Action::View)
        return found;
    const Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(MachineType), found->id, action);
    if (!allowed)
        return allowed.error();
    return found;
}

Result<void> VirtService::allows(const Machine &machine, const QString &action)
{
    if (MachineActions::availableFor(machine).contains(action))
        return {};
    if (machine.locked)
        return Error::conflict(
            QStringLiteral("Machine %1 is locked; unlock it first.").arg(machine.name));
    return Error::conflict(QStringLiteral("Machine %1 is %2: %3 is not possible now.")
                               .arg(machine.name, machine.state, action));
}

Result<VirtTransaction> VirtService::act(const Identity &caller, const QString &uuid,
                                         const QString &action)
{
    const Result<Machine> found = machineFor(caller, uuid, Action::Control);
    if (!found)
        return found.error();
    const Result<void> allowed = allows(found.value(), action);
    if (!allowed)
        return allowed.error();
    return m_transactions.start(caller, found->uuid, action,
                                [this, uuid = found->uuid, action](JobContext &context) {
                                    return runAction(context, uuid, action);
                                });
}

Result<Machine> VirtService::setLocked(const Identity &caller, const QString &uuid, bool locked)
{
    const Result<Machine> found = machineFor(caller, uuid, Action::Control);
    if (!found)
        return found.error();
    const Result<void> set = m_machines.setLocked(found->id, locked);
    if (!set)
        return set.error();
    return m_machines.byUuid(found->uuid);
}

Result<VirtTransaction> VirtService::storeXml(const Identity &caller, const QString &uuid,
                                              const std::optional<QString> &xml)
{
    const Result<Machine> found = machineFor(caller, uuid, Action::Change);
    if (!found)
        return found.error();
    const QString field = QStringLiteral("xmldesc");
    std::optional<QString> checked;
    if (xml && !xml->trimmed().isEmpty()) {
        Result<DomainDefinition> definition = DomainDefinition::parse(*xml, field);
        if (!definition)
            return definition.error();
        if (definition->uuid().isEmpty())
            definition->setUuid(found->uuid);
        else if (definition->uuid().toLower() != found->uuid)
            return Error::invalidField(field, QStringLiteral("The XML defines machine %1, not %2.")
                                                  .arg(definition->uuid(), found->uuid));
        checked = definition->toString();
    }
    return m_transactions.start(
        caller, found->uuid, QStringLiteral("store_xml"),
        [this, machine = found.value(), checked,
         field](JobContext &context) -> Result<QJsonObject> {
            const Result<MachineHost> host = reach(machine);
            if (!host)
                return host.error();
            Result<QString> definition = checked
                                             ? Result<QString>(*checked)
                                             : host->connection->definition(machine.uuid, false);
            if (!definition)
                return definition.error();
            // A caller's XML asks the host for what it names: held to the policy. The machine's
            // own definition, stored as it runs, asks for nothing new.
            if (checked) {
                const Result<void> allowed =
                    checkDefinition(*host->connection, definition.value(), field);
                if (!allowed)
                    return allowed.error();
            }
            context.setProgress(50);
            const Result<DomainFacts> defined = host->connection->define(definition.value(), field);
            if (!defined)
                return defined.error();
            const Result<Machine> recorded = record(host->hypervisor, defined.value());
            if (!recorded)
                return recorded.error();
            return QJsonObject{{QStringLiteral("machine"), machine.uuid},
                               {QStringLiteral("persistent"), recorded->persistent}};
        });
}

Result<Machine> VirtService::rename(const Identity &caller, const QString &uuid,
                                    const QString &name)
{
    const Result<Machine> found = machineFor(caller, uuid, Action::Change);
    if (!found)
        return found.error();
    if (name.trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("name"), QStringLiteral("Give the new name."));
    const Result<MachineHost> host = reach(found.value());
    if (!host)
        return host.error();
    const Result<void> renamed = host->connection->rename(found->uuid, name.trimmed());
    if (!renamed)
        return renamed.error();
    const Result<DomainFacts> now = host->connection->domain(found->uuid);
    if (!now)
        return now.error();
    return record(host->hypervisor, now.value());
}

Result<Machine> VirtService::setParent(const Identity &caller, const QString &uuid,
                                       const QString &hypervisorUuid)
{
    const Result<Machine> found = machineFor(caller, uuid, Action::Change);
    if (!found)
        return found.error();
    const Result<Hypervisor> target = hypervisor(caller, hypervisorUuid);
    if (!target) {
        if (target.error().code != ErrorCode::NotFound)
            return target.error();
        return Error::invalidField(QStringLiteral("puuid"),
                                   QStringLiteral("No hypervisor %1.").arg(hypervisorUuid));
    }
    const Result<std::shared_ptr<LibvirtConnection>> connection = connectionOf(target.value());
    if (!connection)
        return connection.error();
    const Result<DomainFacts> there = connection.value()->domain(found->uuid);
    if (!there) {
        if (there.error().code != ErrorCode::NotFound)
            return there.error();
        return Error::conflict(QStringLiteral("Hypervisor %1 has no machine %2: move it there "
                                              "first (libvirt migration), then set its parent.")
                                   .arg(target->name, found->uuid));
    }
    return record(target.value(), there.value());
}

Result<std::shared_ptr<LibvirtConnection>> VirtService::connectionOf(const Hypervisor &hypervisor)
{
    return connectionTo(hypervisor.uri);
}

Result<VirtTransaction> VirtService::startTransaction(const Identity &caller,
                                                      const QString &machineUuid,
                                                      const QString &action, JobHandler work,
                                                      const QJsonObject &details)
{
    return m_transactions.start(caller, machineUuid, action, std::move(work), details);
}

void VirtService::registerTransactionRecovery(const QString &action, JobRecovery recovery)
{
    m_transactions.registerRecovery(action, std::move(recovery));
}

Result<std::optional<Machine>> VirtService::recordedMachine(const QString &uuid)
{
    Result<Machine> machine = m_machines.byUuid(uuid);
    if (!machine) {
        if (machine.error().code == ErrorCode::NotFound)
            return std::optional<Machine>();
        return machine.error();
    }
    return std::optional<Machine>(std::move(machine.value()));
}

Result<Machine> VirtService::record(const Hypervisor &hypervisor, const DomainFacts &domain)
{
    const Result<void> updated =
        m_machines.update(hypervisor.id, domain, QDateTime::currentMSecsSinceEpoch());
    if (!updated)
        return updated.error();
    return m_machines.byUuid(domain.uuid);
}

Result<void> VirtService::forget(const Machine &machine)
{
    return m_machines.remove(machine.id);
}

Result<void> VirtService::markManaged(const Machine &machine)
{
    return m_machines.setManaged(machine.id, true);
}

Result<void> VirtService::mayAddMachines(const Identity &caller)
{
    return m_permissions.require(caller, QString::fromLatin1(MachineType), std::nullopt,
                                 Action::Add);
}

Result<MachineHost> VirtService::reach(const Machine &machine)
{
    Result<Hypervisor> hypervisor = m_hypervisors.byUuid(machine.hypervisorUuid);
    if (!hypervisor)
        return hypervisor.error();
    Result<std::shared_ptr<LibvirtConnection>> connection = connectionOf(hypervisor.value());
    if (!connection)
        return connection.error();
    return MachineHost{std::move(hypervisor).value(), std::move(connection).value()};
}

Result<VirtTransaction> VirtService::transactionFor(const Identity &caller, const QString &uuid,
                                                    Action action)
{
    Result<VirtTransaction> found = m_transactions.find(uuid);
    // Their own transactions are the caller's to follow, and to cancel unless read-only.
    if (!found ||
        (found->job.ownerId == caller.user.id && (action == Action::View || !caller.readOnly)))
        return found;
    const Result<Machine> target = m_machines.byUuid(found->machineUuid);
    const std::optional<qint64> machineId =
        target ? std::optional<qint64>(target->id) : std::nullopt;
    const Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(MachineType), machineId, action);
    if (!allowed)
        return allowed.error();
    return found;
}

Result<VirtTransaction> VirtService::transaction(const Identity &caller, const QString &uuid)
{
    return transactionFor(caller, uuid, Action::View);
}

Result<std::optional<qint64>> VirtService::transactionOwnerFilter(const Identity &caller)
{
    const Result<bool> everyMachine = m_permissions.isAllowed(
        caller, QString::fromLatin1(MachineType), std::nullopt, Action::View);
    if (!everyMachine)
        return everyMachine.error();
    return everyMachine.value() ? std::nullopt : std::optional<qint64>(caller.user.id);
}

Result<QList<VirtTransaction>> VirtService::transactions(const Identity &caller, int limit,
                                                         int offset)
{
    const Result<std::optional<qint64>> owner = transactionOwnerFilter(caller);
    if (!owner)
        return owner.error();
    return m_transactions.repository().list(owner.value(), limit, offset);
}

Result<qint64> VirtService::transactionCount(const Identity &caller)
{
    const Result<std::optional<qint64>> owner = transactionOwnerFilter(caller);
    if (!owner)
        return owner.error();
    return m_transactions.repository().count(owner.value());
}

Result<VirtTransaction> VirtService::cancelTransaction(const Identity &caller, const QString &uuid)
{
    Result<VirtTransaction> found = transactionFor(caller, uuid, Action::Control);
    if (!found)
        return found;
    if (isFinished(found->job.state))
        return found;
    return m_transactions.cancel(found.value());
}

Result<VirtTransaction> VirtService::waitForTransaction(const VirtTransaction &transaction,
                                                        int timeoutMs)
{
    return m_transactions.waitFor(transaction, timeoutMs);
}

Result<QJsonObject> VirtService::runAction(JobContext &context, const QString &uuid,
                                           const QString &action)
{
    const Result<Machine> machine = m_machines.byUuid(uuid);
    if (!machine)
        return machine.error();
    const Result<void> allowed = allows(machine.value(), action);
    if (!allowed)
        return allowed.error();
    const Result<MachineHost> host = reach(machine.value());
    if (!host)
        return host.error();
    if (context.isCancelled())
        return QJsonObject{{QStringLiteral("machine"), uuid}};
    const Result<void> acted = host->connection->act(uuid, action);
    if (!acted)
        return acted.error();
    context.setProgress(50);
    const Result<DomainFacts> now = host->connection->domain(uuid);
    if (!now)
        return now.error();
    const Result<Machine> recorded = record(host->hypervisor, now.value());
    if (!recorded)
        return recorded.error();
    context.setProgress(100);
    return QJsonObject{{QStringLiteral("machine"), uuid}, {QStringLiteral("state"), now->state}};
}

} // namespace Cairn
