#include "MachineLifecycle.h"

#include "ClusterService.h"
#include "DomainDefinition.h"
#include "PackageArchive.h"
#include "StaticNetworkService.h"
#include "VirtService.h"
#include "jobs/JobContext.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUuid>

namespace Cairn {

namespace {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A locally administered address under the KVM prefix libvirt itself uses.
QString newMac()
{
    const quint32 random = QRandomGenerator::system()->generate();
    return QStringLiteral("52:54:00:%1:%2:%3")
        .arg((random >> 16) & 0xff, 2, 16, QLatin1Char('0'))
        .arg((random >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(random & 0xff, 2, 16, QLatin1Char('0'));
}

// Progress of a copy mapped onto `from`..`to` percent of the job; stops when cancelled.
CopyProgress progressBetween(JobContext &context, int from, int to)
{
    return [&context, from, to](qint64 done, qint64 total) {
        const int span = to - from;
        context.setProgress(from + int(total > 0 ? done * span / total : span));
        return !context.isCancelled();
    };
}

Error cancelledError()
{
    return Error::conflict(QStringLiteral("Cancelled."));
}

// Whether `ip` lies in a range of one of `networks` (those serving the machine's hypervisor that
// the caller may view): what an adopted machine may claim. Its definition is the caller's to
// write (store_xml), so it proves nothing by itself.
bool mayClaim(const QList<StaticNetwork> &networks, const QStringList &clusters, const QString &ip)
{
    const QHostAddress address(ip);
    if (address.protocol() != QAbstractSocket::IPv4Protocol)
        return false;
    const quint32 value = address.toIPv4Address();
    for (const StaticNetwork &network : networks) {
        if (!network.clusterUuid.isEmpty() && !clusters.contains(network.clusterUuid))
            continue;
        for (const IpRange &range : network.ranges) {
            if (range.first <= value && value <= range.last)
                return true;
        }
    }
    return false;
}

} // namespace

MachineLifecycle::MachineLifecycle(VirtService &virt, PackageService &packages,
                                   StaticNetworkService &networks, ClusterService &clusters,
                                   QString provisionDir)
    : m_virt(virt)
    , m_packages(packages)
    , m_networks(networks)
    , m_clusters(clusters)
    , m_imagesDirectory(std::move(provisionDir))
{
    m_virt.registerTransactionRecovery(QStringLiteral("provision"),
                                       [this](const Job &job) { return recoverProvision(job); });
    m_virt.registerTransactionRecovery(QStringLiteral("package"), [this](const Job &job) {
        return m_packages.discardUnfinishedArchive(
            job.params.value(QStringLiteral("package")).toString());
    });
}

Result<QJsonObject> MachineLifecycle::manage(const Identity &caller, const QString &machineUuid)
{
    const Result<Machine> machine = m_virt.machineFor(caller, machineUuid, Action::Change);
    if (!machine)
        return machine.error();
    if (machine->managed || machine->locked)
        return Error::conflict(QStringLiteral("Machine %1 is %2 already.")
                                   .arg(machine->name, machine->managed
                                                           ? QStringLiteral("managed")
                                                           : QStringLiteral("locked")));
    const Result<MachineHost> host = m_virt.reach(machine.value());
    if (!host)
        return host.error();
    const Result<QString> xml = host->connection->definition(machine->uuid, false);
    if (!xml)
        return xml.error();
    const Result<DomainDefinition> definition = DomainDefinition::parse(xml.value(), {});
    if (!definition)
        return definition.error();
    const Result<QStringList> clusters = m_clusters.joinClustersOfHypervisor(machine.value());
    if (!clusters)
        return clusters.error();
    const Result<QList<StaticNetwork>> viewable = m_networks.list(caller);
    if (!viewable)
        return viewable.error();
    QJsonArray leased;
    QJsonArray notLeased;
    for (const auto &[mac, ip] : definition->addresses()) {
        const Result<std::optional<IpLease>> lease =
            mayClaim(viewable.value(), clusters.value(), ip)
                ? m_networks.claim(machine->uuid, mac, ip)
                : Result<std::optional<IpLease>>(std::optional<IpLease>());
        if (lease && lease->has_value()) {
            leased.append(QJsonObject{{QStringLiteral("mac"), mac},
                                      {QStringLiteral("ip"), lease->value().address},
                                      {QStringLiteral("network"), lease->value().networkUuid}});
            continue;
        }
        if (!lease && lease.error().code != ErrorCode::Conflict)
            return lease.error();
        // Who holds an address is not the caller's to learn.
        notLeased.append(QJsonObject{
            {QStringLiteral("mac"), mac},
            {QStringLiteral("ip"), ip},
            {QStringLiteral("reason"),
             lease ? QStringLiteral("No static network serving its hypervisor holds it.")
                   : QStringLiteral("Leased to another machine.")}});
    }
    const Result<void> managed = m_virt.markManaged(machine.value());
    if (!managed)
        return managed.error();
    return QJsonObject{{QStringLiteral("clusters"), QJsonArray::fromStringList(clusters.value())},
                       {QStringLiteral("addresses"), leased},
                       {QStringLiteral("not_leased"), notLeased}};
}

QString MachineLifecycle::imagesOf(const QString &machineUuid) const
{
    return QDir(m_imagesDirectory).filePath(machineUuid.toLower());
}

Result<std::pair<QString, VirtTransaction>> MachineLifecycle::package(const Identity &caller,
                                                                      const QString &machineUuid)
{
    const Result<Machine> machine = m_virt.machineFor(caller, machineUuid, Action::Control);
    if (!machine)
        return machine.error();
    const Result<void> mayAdd = m_packages.mayAdd(caller);
    if (!mayAdd)
        return mayAdd.error();
    if (machine->state != u"shutoff" || !machine->persistent)
        return Error::conflict(QStringLiteral("Machine %1 is %2: package a defined machine that "
                                              "is shut off, so that its disks are consistent.")
                                   .arg(machine->name, machine->state));
    const QString packageUuid = newUuid();
    const Result<VirtTransaction> started = m_virt.startTransaction(
        caller, machine->uuid, QStringLiteral("package"),
        [this, machine = machine.value(), packageUuid](JobContext &context) {
            return buildPackage(context, machine, packageUuid);
        },
        {{QStringLiteral("package"), packageUuid}});
    if (!started)
        return started.error();
    return std::pair(packageUuid, started.value());
}

Result<QJsonObject> MachineLifecycle::buildPackage(JobContext &context, const Machine &machine,
                                                   const QString &packageUuid)
{
    const Result<MachineHost> host = m_virt.reach(machine);
    if (!host)
        return host.error();
    const Result<QString> xml = host->connection->definition(machine.uuid, true);
    if (!xml)
        return xml.error();
    Result<DomainDefinition> definition =
        DomainDefinition::parse(xml.value(), QStringLiteral("xml"));
    if (!definition)
        return definition.error();
    // A package is downloadable: it may only hold disks from where machines' disks belong, or
    // a machine redefined onto any host file would carry that file out.
    const Result<DomainPolicy> policy = m_virt.domainPolicy(*host->connection);
    if (!policy)
        return policy.error();
    QList<PackageArchive::DiskSource> disks;
    QStringList names;
    for (const QString &path : definition->diskFiles()) {
        if (!policy->allows(path))
            return Error::invalidField(
                QStringLiteral("uuid"),
                QStringLiteral("The disk %1 is outside the images folders and storage pools: "
                               "it is not packaged.")
                    .arg(path));
        const QString name =
            QStringLiteral("disk%1-%2").arg(disks.size()).arg(QFileInfo(path).fileName());
        disks << PackageArchive::DiskSource{name, path};
        names << name;
    }
    definition->stripForPackage(names);
    const QJsonObject manifest = {
        {QStringLiteral("uuid"), packageUuid},
        {QStringLiteral("name"), machine.name},
        {QStringLiteral("description"), QStringLiteral("Machine %1 as packaged from %2.")
                                            .arg(machine.name, host->hypervisor.name)},
        {QStringLiteral("version"), QStringLiteral("1")},
        {QStringLiteral("virt_class"), host->hypervisor.virtClass},
        {QStringLiteral("vcpus"), machine.vcpus},
        {QStringLiteral("memory"), machine.memoryKib},
        {QStringLiteral("source_machine"), machine.uuid},
        {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    const QString path = m_packages.archivePath(packageUuid);
    const Result<QJsonObject> written = PackageArchive::write(
        path, manifest, definition->toString(), disks, progressBetween(context, 0, 95));
    if (!written)
        return written.error();
    const Result<QString> sha1 = PackageArchive::sha1Of(path);
    if (!sha1)
        return sha1.error();
    Package package;
    package.uuid = packageUuid;
    package.name = machine.name;
    package.description = manifest.value(QStringLiteral("description")).toString();
    package.version = QStringLiteral("1");
    package.virtClass = host->hypervisor.virtClass;
    package.manifest = written.value();
    package.state = QStringLiteral("present");
    package.size = QFileInfo(path).size();
    package.sha1 = sha1.value();
    package.createdAt = QDateTime::currentMSecsSinceEpoch();
    const Result<Package> recorded = m_packages.repository().insert(package, std::nullopt);
    if (!recorded) {
        QFile::remove(path);
        return recorded.error();
    }
    context.setProgress(100);
    return QJsonObject{{QStringLiteral("package"), packageUuid},
                       {QStringLiteral("size"), package.size},
                       {QStringLiteral("sha1"), package.sha1}};
}

Result<Hypervisor> MachineLifecycle::placement(const Identity &caller,
                                               const ProvisionRequest &request,
                                               const Package &package)
{
    if (!request.hypervisorUuid.isEmpty()) {
        Result<Hypervisor> chosen = m_virt.hypervisor(caller, request.hypervisorUuid);
        if (!chosen) {
            if (chosen.error().code != ErrorCode::NotFound)
                return chosen.error();
            return Error::invalidField(
                QStringLiteral("hvmuuid"),
                QStringLiteral("No hypervisor %1.").arg(request.hypervisorUuid));
        }
        if (!package.virtClass.isEmpty() && chosen->virtClass != package.virtClass)
            return Error::invalidField(
                QStringLiteral("hvmuuid"),
                QStringLiteral("Package %1 is for %2 hypervisors; %3 is %4.")
                    .arg(package.name, package.virtClass, chosen->name, chosen->virtClass));
        if (chosen->state != u"up")
            return Error::conflict(
                QStringLiteral("Hypervisor %1 is %2.").arg(chosen->name, chosen->state));
        return chosen;
    }
    const Result<QList<Hypervisor>> all = m_virt.hypervisors(caller);
    if (!all)
        return all.error();
    std::optional<Hypervisor> best;
    for (const Hypervisor &hypervisor : all.value()) {
        if (hypervisor.state != u"up" ||
            (!package.virtClass.isEmpty() && hypervisor.virtClass != package.virtClass))
            continue;
        if (!best || hypervisor.freeMemoryKib > best->freeMemoryKib)
            best = hypervisor;
    }
    if (!best)
        return Error::conflict(
            QStringLiteral("No %1 hypervisor you may use is up.").arg(package.virtClass));
    return *best;
}

Result<Provisioning> MachineLifecycle::provision(const Identity &caller,
                                                 const ProvisionRequest &request)
{
    if (request.packageUuid.trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("pkguuid"),
                                   QStringLiteral("Give the package to provision from."));
    const Result<Package> package = m_packages.get(caller, request.packageUuid.trimmed());
    if (!package) {
        if (package.error().code != ErrorCode::NotFound)
            return package.error();
        return Error::invalidField(QStringLiteral("pkguuid"), package.error().message);
    }
    if (!package->isPresent())
        return Error::conflict(QStringLiteral("Package %1 is not in the local repository yet: "
                                              "download it first.")
                                   .arg(package->name));
    const Result<void> mayAdd = m_virt.mayAddMachines(caller);
    if (!mayAdd)
        return mayAdd.error();
    const Result<Hypervisor> hypervisor = placement(caller, request, package.value());
    if (!hypervisor)
        return hypervisor.error();
    const QString uuid = newUuid();
    const QString name = request.name.trimmed().isEmpty()
                             ? QStringLiteral("%1-%2").arg(package->name, uuid.left(8))
                             : request.name.trimmed();
    const Result<VirtTransaction> started = m_virt.startTransaction(
        caller, uuid, QStringLiteral("provision"),
        [this, package = package.value(), hypervisor = hypervisor.value(), uuid,
         name](JobContext &context) {
            return provisionMachine(context, package, hypervisor, uuid, name);
        },
        {{QStringLiteral("hypervisor"), hypervisor->uuid},
         {QStringLiteral("package"), package->uuid}});
    if (!started)
        return started.error();
    return Provisioning{uuid, started.value()};
}

Result<QJsonObject> MachineLifecycle::provisionMachine(JobContext &context, const Package &package,
                                                       const Hypervisor &hypervisor,
                                                       const QString &uuid, const QString &name)
{
    const QString images = imagesOf(uuid);
    bool defined = false;
    std::shared_ptr<LibvirtConnection> connection;
    // Whatever went wrong, nothing half-made stays: no disks, no addresses, no definition.
    const auto undo = [&](const Error &error) -> Result<QJsonObject> {
        if (defined && connection)
            (void)connection->undefine(uuid);
        (void)m_networks.release(uuid);
        QDir(images).removeRecursively();
        return error;
    };
    const QString archive = m_packages.archivePath(package.uuid);
    const Result<PackageArchive::Contents> contents = PackageArchive::read(archive);
    if (!contents)
        return undo(contents.error());
    const Result<QStringList> disks = PackageArchive::extractDisks(
        archive, contents->manifest, images, progressBetween(context, 0, 80));
    if (!disks)
        return undo(disks.error());
    Result<DomainDefinition> definition =
        DomainDefinition::parse(contents->xml, QStringLiteral("pkguuid"));
    if (!definition)
        return undo(definition.error());
    definition->setUuid(uuid);
    definition->setName(name);
    definition->setDiskFiles(disks.value());
    QStringList macs;
    for (qsizetype index = 0; index < definition->macs().size(); ++index)
        macs << newMac();
    definition->setMacs(macs);

    const Result<QStringList> clusters = m_clusters.clustersOfHypervisor(hypervisor.id);
    if (!clusters)
        return undo(clusters.error());
    QList<std::pair<QString, QString>> addresses;
    QJsonArray leased;
    for (const QString &mac : std::as_const(macs)) {
        const Result<std::optional<IpLease>> lease =
            m_networks.leaseFor(clusters.value(), uuid, mac);
        if (!lease)
            return undo(lease.error());
        if (!lease->has_value())
            continue;
        addresses << std::pair(mac, lease->value().address);
        leased.append(QJsonObject{{QStringLiteral("mac"), mac},
                                  {QStringLiteral("ip"), lease->value().address},
                                  {QStringLiteral("network"), lease->value().networkUuid}});
    }
    if (!addresses.isEmpty())
        definition->setAddresses(addresses);
    context.setProgress(85);
    if (context.isCancelled())
        return undo(cancelledError());

    const Result<std::shared_ptr<LibvirtConnection>> opened = m_virt.connectionOf(hypervisor);
    if (!opened)
        return undo(opened.error());
    connection = opened.value();
    // A package may come from a feed: what it asks of the host is checked like any XML.
    const Result<void> allowed =
        m_virt.checkDefinition(*connection, definition->toString(), QStringLiteral("pkguuid"));
    if (!allowed)
        return undo(allowed.error());
    const Result<DomainFacts> made =
        connection->define(definition->toString(), QStringLiteral("pkguuid"));
    if (!made)
        return undo(made.error());
    defined = true;
    context.setProgress(90);
    const Result<void> started = connection->act(uuid, QStringLiteral("create"));
    if (!started)
        return undo(started.error());
    const Result<DomainFacts> running = connection->domain(uuid);
    if (!running)
        return undo(running.error());
    const Result<Machine> recorded = m_virt.record(hypervisor, running.value());
    if (!recorded)
        return undo(recorded.error());
    const Result<void> managed = m_virt.markManaged(recorded.value());
    if (!managed)
        return managed.error();
    context.setProgress(100);
    return QJsonObject{{QStringLiteral("newuuid"), uuid},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("hypervisor"), hypervisor.uuid},
                       {QStringLiteral("package"), package.uuid},
                       {QStringLiteral("addresses"), leased}};
}

QString MachineLifecycle::recoverProvision(const Job &job)
{
    const QString uuid = job.params.value(QStringLiteral("machine")).toString();
    if (QUuid::fromString(uuid).isNull())
        return {};
    const Result<std::optional<Machine>> recorded = m_virt.recordedMachine(uuid);
    if (!recorded)
        return QStringLiteral("nothing (the database could not say whether the machine was made)");
    if (recorded->has_value()) {
        (void)m_virt.markManaged(recorded->value());
        return QStringLiteral("nothing, for the machine had been made (it is kept)");
    }
    QStringList removed;
    QString left;
    const QString hypervisorUuid = job.params.value(QStringLiteral("hypervisor")).toString();
    const Result<QList<Hypervisor>> hypervisors = m_virt.registered();
    for (const Hypervisor &hypervisor : hypervisors ? hypervisors.value() : QList<Hypervisor>()) {
        if (hypervisor.uuid != hypervisorUuid)
            continue;
        const Result<std::shared_ptr<LibvirtConnection>> connection =
            m_virt.connectionOf(hypervisor);
        const Result<void> undefined =
            connection ? connection.value()->undefine(uuid) : Result<void>(connection.error());
        if (undefined)
            removed << QStringLiteral("its definition on %1").arg(hypervisor.name);
        else if (undefined.error().code != ErrorCode::NotFound)
            left = QStringLiteral("; its definition on %1 is left (the hypervisor could not be "
                                  "reached)")
                       .arg(hypervisor.name);
    }
    const QString images = imagesOf(uuid);
    if (QFileInfo::exists(images) && QDir(images).removeRecursively())
        removed << QStringLiteral("its disks");
    const Result<qint64> released = m_networks.release(uuid);
    if (released && released.value() > 0)
        removed << QStringLiteral("%1 address(es)").arg(released.value());
    return removed.join(QStringLiteral(", ")) + left;
}

Result<VirtTransaction> MachineLifecycle::totalDelete(const Identity &caller,
                                                      const QString &machineUuid)
{
    const Result<Machine> machine = m_virt.machineFor(caller, machineUuid, Action::Delete);
    if (!machine)
        return machine.error();
    if (machine->locked)
        return Error::conflict(
            QStringLiteral("Machine %1 is locked; unlock it first.").arg(machine->name));
    return m_virt.startTransaction(caller, machine->uuid, QStringLiteral("totaldelete"),
                                   [this, machine = machine.value()](JobContext &context) {
                                       return deleteMachine(context, machine);
                                   });
}

Result<QJsonObject> MachineLifecycle::deleteMachine(JobContext &context, const Machine &machine)
{
    const Result<MachineHost> host = m_virt.reach(machine);
    if (!host)
        return host.error();
    const Result<void> undefined = host->connection->undefine(machine.uuid);
    // Already gone from the hypervisor: the rest still has to go.
    if (!undefined && undefined.error().code != ErrorCode::NotFound)
        return undefined.error();
    context.setProgress(50);
    const QString images = imagesOf(machine.uuid);
    const bool hadImages = QFileInfo::exists(images);
    if (hadImages && !QDir(images).removeRecursively())
        return Error::internal(QStringLiteral("Cannot delete the disks in %1.").arg(images));
    const Result<qint64> released = m_networks.release(machine.uuid);
    if (!released)
        return released.error();
    const Result<void> forgotten = m_virt.forget(machine);
    if (!forgotten)
        return forgotten.error();
    return QJsonObject{{QStringLiteral("machine"), machine.uuid},
                       {QStringLiteral("released_addresses"), released.value()},
                       {QStringLiteral("deleted_disks"), hadImages}};
}

} // namespace Cairn
