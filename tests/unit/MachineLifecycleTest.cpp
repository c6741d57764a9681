// Package, provision and totaldelete on libvirt's test driver, checked in libvirt itself and,
// for the archive, by an independent zip reader (Python's zipfile).
#include "QtPrinters.h"
#include "Sanitizers.h"
#include "TestDriverFixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSysInfo>

using namespace Cairn;

namespace {

const QString GoldenUuid = QStringLiteral("5f0c2a7e-8d1b-4e3a-9c6f-0a1b2c3d4e5f");
const QString GoldenMac = QStringLiteral("52:54:00:11:22:33");

class MachineLifecycleTest : public Test::TestDriverFixture
{
protected:
    void SetUp() override
    {
        TestDriverFixture::SetUp();
        disk = m_dir.filePath(QStringLiteral("golden.img"));
        QFile image(disk);
        ASSERT_TRUE(image.open(QIODevice::WriteOnly));
        QByteArray bytes;
        for (int block = 0; block < 3 * 1024; ++block)
            bytes += QByteArray::number(block).repeated(64).left(1000);
        image.write(bytes);
        image.close();
        diskSha1 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
        defineDomain(QStringLiteral("golden"), GoldenUuid, disk,
                     QStringLiteral("<interface type='network'><mac address='%1'/><source "
                                    "network='default'/></interface>")
                         .arg(GoldenMac));
    }

    VirtTransaction finished(const Result<VirtTransaction> &started)
    {
        EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message.toStdString());
        if (!started)
            return {};
        const Result<VirtTransaction> done =
            core->virt().waitForTransaction(started.value(), 30000);
        EXPECT_TRUE(done.ok());
        return done.ok() ? done.value() : VirtTransaction{};
    }

    QString packageGolden()
    {
        const Result<std::pair<QString, VirtTransaction>> started =
            core->lifecycle().package(admin, GoldenUuid);
        EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message.toStdString());
        if (!started)
            return {};
        const VirtTransaction done = finished(started->second);
        EXPECT_EQ(done.state(), QStringLiteral("done")) << done.job.error.toStdString();
        EXPECT_EQ(done.job.progress, 100);
        return started->first;
    }

    // A network with `count` addresses from 10.30.0.10, serving every hypervisor.
    void addNetwork(int count)
    {
        StaticNetworkFields fields;
        fields.name = QStringLiteral("provisioned");
        fields.ip = QStringLiteral("10.30.0.0");
        fields.netmask = QStringLiteral("24");
        const Result<StaticNetwork> network = core->staticNetworks().create(admin, fields);
        ASSERT_TRUE(network.ok());
        ASSERT_TRUE(core->staticNetworks()
                        .addRange(admin, network->uuid, QStringLiteral("10.30.0.10"),
                                  QStringLiteral("10.30.0.%1").arg(9 + count))
                        .ok());
    }

    VirtTransaction provision(const QString &package, Provisioning *started = nullptr)
    {
        const Result<Provisioning> provisioning =
            core->lifecycle().provision(admin, ProvisionRequest{package, QString(), QString()});
        EXPECT_TRUE(provisioning.ok())
            << (provisioning.ok() ? "" : provisioning.error().message.toStdString());
        if (!provisioning)
            return {};
        if (started)
            *started = provisioning.value();
        return finished(provisioning->transaction);
    }

    // The job row a provision on this host leaves when the process dies under it.
    Result<Job> provisionLeftRunning(const QString &uuid, const QString &hypervisor,
                                     const QString &package)
    {
        return core->jobs().repository().insert(
            QStringLiteral("virt.provision"),
            {{QStringLiteral("machine"), uuid},
             {QStringLiteral("hypervisor"), hypervisor},
             {QStringLiteral("package"), package},
             {QStringLiteral("host"), QSysInfo::machineHostName()}},
            admin.user.id, std::nullopt);
    }

    QString domainXml(const QString &uuid)
    {
        virDomainPtr domain = virDomainLookupByUUIDString(libvirt, uuid.toLatin1().constData());
        if (!domain)
            return {};
        char *xml = virDomainGetXMLDesc(domain, 0);
        QString text = QString::fromUtf8(xml);
        free(xml); // NOLINT(cppcoreguidelines-no-malloc): libvirt allocates it with malloc
        virDomainFree(domain);
        return text;
    }

    QString disk;
    QByteArray diskSha1;
};

} // namespace

TEST_F(MachineLifecycleTest, APackageHoldsTheStrippedXmlAndTheDisksWithTheirSha1)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    const QString package = packageGolden();
    const Result<Package> recorded = core->packages().get(admin, package);
    ASSERT_TRUE(recorded.ok());
    EXPECT_TRUE(recorded->isPresent());
    EXPECT_EQ(recorded->virtClass, QStringLiteral("test"));
    const QString archive = core->packages().archivePath(package);
    EXPECT_EQ(recorded->size, QFile(archive).size());

    // Read back by Python's zipfile, not by the code that wrote it.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import hashlib, json, sys, zipfile\n"
                                 "z = zipfile.ZipFile(sys.argv[1])\n"
                                 "m = json.loads(z.read('manifest.json'))\n"
                                 "d = m['disks'][0]\n"
                                 "print(json.dumps({'manifest': m, 'xml': z.read('domain.xml')"
                                 ".decode(), 'sha1': hashlib.sha1(z.read('disks/' + d['file']))"
                                 ".hexdigest(), 'names': sorted(z.namelist())}))"),
                  archive});
    ASSERT_TRUE(python.waitForFinished(30000));
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString();
    const QJsonObject read = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    const QJsonObject manifest = read[QStringLiteral("manifest")].toObject();
    EXPECT_EQ(manifest[QStringLiteral("uuid")], package);
    EXPECT_EQ(manifest[QStringLiteral("source_machine")], GoldenUuid);
    EXPECT_EQ(manifest[QStringLiteral("memory")], 65536);
    const QJsonObject diskEntry = manifest[QStringLiteral("disks")][0].toObject();
    EXPECT_EQ(diskEntry[QStringLiteral("sha1")], QString::fromLatin1(diskSha1));
    EXPECT_EQ(read[QStringLiteral("sha1")], QString::fromLatin1(diskSha1));
    EXPECT_EQ(diskEntry[QStringLiteral("size")], QFile(disk).size());
    const QString xml = read[QStringLiteral("xml")].toString();
    EXPECT_FALSE(xml.contains(GoldenUuid));
    EXPECT_FALSE(xml.contains(GoldenMac));
    EXPECT_FALSE(xml.contains(m_dir.path())) << "no host path";
    EXPECT_TRUE(xml.contains(QStringLiteral("disk0-golden.img")));

    // A machine that runs is not packaged: its disks would not be consistent.
    ASSERT_TRUE(finished(core->virt().act(admin, GoldenUuid, QStringLiteral("create"))).job.state ==
                JobState::Succeeded);
    const Result<std::pair<QString, VirtTransaction>> running =
        core->lifecycle().package(admin, GoldenUuid);
    ASSERT_FALSE(running.ok());
    EXPECT_EQ(running.error().code, ErrorCode::Conflict);
}

TEST_F(MachineLifecycleTest,
       ProvisionMakesANewMachineWithNewIdentityAndAnAddressTotaldeleteUndoesIt)
{
    const QString package = packageGolden();
    addNetwork(2);
    Provisioning first;
    const VirtTransaction made = provision(package, &first);
    ASSERT_EQ(made.state(), QStringLiteral("done")) << made.job.error.toStdString();
    EXPECT_EQ(made.job.progress, 100);
    EXPECT_NE(first.machineUuid, GoldenUuid);
    EXPECT_EQ(made.job.result[QStringLiteral("newuuid")], first.machineUuid);
    EXPECT_EQ(made.job.result[QStringLiteral("addresses")][0][QStringLiteral("ip")],
              QStringLiteral("10.30.0.10"));

    // In libvirt: running, a new MAC, the address recorded, a copy of the disk of its own.
    const QString xml = domainXml(first.machineUuid);
    ASSERT_FALSE(xml.isEmpty());
    EXPECT_FALSE(xml.contains(GoldenMac));
    EXPECT_TRUE(xml.contains(QStringLiteral("ip=\"10.30.0.10\""))) << xml.toStdString();
    const QString copy = QDir(core->lifecycle().imagesOf(first.machineUuid))
                             .filePath(QStringLiteral("disk0-golden.img"));
    EXPECT_TRUE(xml.contains(copy)) << xml.toStdString();
    QFile copied(copy);
    ASSERT_TRUE(copied.open(QIODevice::ReadOnly));
    EXPECT_EQ(QCryptographicHash::hash(copied.readAll(), QCryptographicHash::Sha1).toHex(),
              diskSha1);
    const Machine machine = core->virt().machine(admin, first.machineUuid).value();
    EXPECT_EQ(machine.state, QStringLiteral("running"));
    EXPECT_TRUE(machine.managed);
    const QString mac = machine.interfaces[0][QStringLiteral("mac")].toString();
    EXPECT_NE(mac, GoldenMac);
    EXPECT_EQ(core->staticNetworks().addressed(machine)->interfaces[0][QStringLiteral("ip")],
              QStringLiteral("10.30.0.10"));

    Provisioning second;
    ASSERT_EQ(provision(package, &second).state(), QStringLiteral("done"));
    EXPECT_NE(domainXml(second.machineUuid).section(QStringLiteral("mac address="), 1, 1).left(19),
              QStringLiteral("'") + mac);
    EXPECT_EQ(core->staticNetworks().leasesOf(second.machineUuid)->first().address,
              QStringLiteral("10.30.0.11"));

    // The network is exhausted: the third fails with 409 and leaves nothing behind.
    Provisioning third;
    const VirtTransaction refused = provision(package, &third);
    EXPECT_EQ(refused.state(), QStringLiteral("failed"));
    EXPECT_EQ(refused.job.result[QStringLiteral("error_code")], QStringLiteral("conflict"));
    EXPECT_TRUE(domainXml(third.machineUuid).isEmpty());
    EXPECT_FALSE(QFileInfo::exists(core->lifecycle().imagesOf(third.machineUuid)));

    // totaldelete: gone from libvirt, its disk and address released, forgotten.
    const VirtTransaction deleted =
        finished(core->lifecycle().totalDelete(admin, first.machineUuid));
    ASSERT_EQ(deleted.state(), QStringLiteral("done")) << deleted.job.error.toStdString();
    EXPECT_EQ(deleted.job.result[QStringLiteral("released_addresses")], 1);
    EXPECT_TRUE(domainXml(first.machineUuid).isEmpty());
    EXPECT_FALSE(QFileInfo::exists(copy));
    EXPECT_TRUE(core->staticNetworks().leasesOf(first.machineUuid)->isEmpty());
    EXPECT_EQ(core->virt().machine(admin, first.machineUuid).error().code, ErrorCode::NotFound);
    Provisioning again;
    ASSERT_EQ(provision(package, &again).state(), QStringLiteral("done"));
    EXPECT_EQ(core->staticNetworks().leasesOf(again.machineUuid)->first().address,
              QStringLiteral("10.30.0.10"));
}

TEST_F(MachineLifecycleTest, APackageWhoseDiskDoesNotMatchItsSha1IsRefused)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    const QString package = packageGolden();
    const QString archive = core->packages().archivePath(package);
    // The disk is altered inside the archive; the manifest still has the old sha1.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, zipfile\n"
                                 "src = zipfile.ZipFile(sys.argv[1])\n"
                                 "entries = {n: src.read(n) for n in src.namelist()}\n"
                                 "src.close()\n"
                                 "with zipfile.ZipFile(sys.argv[1], 'w') as out:\n"
                                 "    for n, b in entries.items():\n"
                                 "        out.writestr(n, b[:-1] + b'X' if n.startswith('disks/') "
                                 "else b)\n"),
                  archive});
    ASSERT_TRUE(python.waitForFinished(30000));
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString();
    Provisioning started;
    const VirtTransaction refused = provision(package, &started);
    EXPECT_EQ(refused.state(), QStringLiteral("failed"));
    EXPECT_EQ(refused.job.result[QStringLiteral("error_code")], QStringLiteral("bad_request"));
    EXPECT_TRUE(refused.job.error.contains(QStringLiteral("sha1")))
        << refused.job.error.toStdString();
    EXPECT_TRUE(domainXml(started.machineUuid).isEmpty());
    EXPECT_FALSE(QFileInfo::exists(core->lifecycle().imagesOf(started.machineUuid)));
}

TEST_F(MachineLifecycleTest, StoreXmlRefusesMalformedXmlAndKeepsTheDefinition)
{
    const QString before = domainXml(GoldenUuid);
    const Result<VirtTransaction> malformed =
        core->virt().storeXml(admin, GoldenUuid, QStringLiteral("<domain><name>x</name"));
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code, ErrorCode::BadRequest);
    EXPECT_TRUE(malformed.error().fields.contains(QStringLiteral("xmldesc")));
    const Result<VirtTransaction> other = core->virt().storeXml(
        admin, GoldenUuid,
        QStringLiteral("<domain type='test'><name>golden</name><uuid>6695eb01-f6a4-8304-79aa-"
                       "97f2502e193f</uuid></domain>"));
    ASSERT_FALSE(other.ok());
    EXPECT_TRUE(other.error().fields.contains(QStringLiteral("xmldesc")));
    // Well-formed, but not a definition libvirt takes: the transaction fails, nothing changes.
    const VirtTransaction refused = finished(core->virt().storeXml(
        admin, GoldenUuid,
        QStringLiteral("<domain type='test'><name>golden</name><memory>lots</memory></domain>")));
    EXPECT_EQ(refused.state(), QStringLiteral("failed"));
    EXPECT_EQ(refused.job.result[QStringLiteral("error_fields")].toObject().keys(),
              QStringList{QStringLiteral("xmldesc")});
    EXPECT_EQ(domainXml(GoldenUuid), before);

    // A good one is stored: more memory, read back from libvirt.
    QString bigger = before;
    bigger.replace(QStringLiteral("65536"), QStringLiteral("131072"));
    const VirtTransaction stored = finished(core->virt().storeXml(admin, GoldenUuid, bigger));
    ASSERT_EQ(stored.state(), QStringLiteral("done")) << stored.job.error.toStdString();
    EXPECT_TRUE(domainXml(GoldenUuid).contains(QStringLiteral("131072")));
    EXPECT_EQ(core->virt().machine(admin, GoldenUuid)->memoryKib, 131072);

    // rename (shut off) and manage.
    ASSERT_TRUE(core->virt().rename(admin, GoldenUuid, QStringLiteral("silver")).ok());
    EXPECT_TRUE(domainXml(GoldenUuid).contains(QStringLiteral("<name>silver</name>")));
    ASSERT_TRUE(core->lifecycle().manage(admin, GoldenUuid).ok());
    EXPECT_TRUE(core->virt().machine(admin, GoldenUuid)->managed);
}

TEST_F(MachineLifecycleTest, AddressesComeFromTheHypervisorsClusterFirst)
{
    const QString package = packageGolden();
    addNetwork(5);
    const Result<Cluster> rack = core->clusters().create(admin, QStringLiteral("rack-7"));
    ASSERT_TRUE(rack.ok());
    const Result<QList<Hypervisor>> hypervisors = core->virt().hypervisors(admin);
    ASSERT_TRUE(hypervisors.ok());
    ASSERT_TRUE(core->clusters().addHypervisor(admin, rack->uuid, hypervisors->first().uuid).ok());
    StaticNetworkFields fields;
    fields.name = QStringLiteral("rack-7");
    fields.ip = QStringLiteral("192.168.70.0");
    fields.netmask = QStringLiteral("255.255.255.0");
    fields.cluster = rack->uuid;
    const Result<StaticNetwork> network = core->staticNetworks().create(admin, fields);
    ASSERT_TRUE(network.ok());
    ASSERT_TRUE(core->staticNetworks()
                    .addRange(admin, network->uuid, QStringLiteral("192.168.70.20"),
                              QStringLiteral("192.168.70.20"))
                    .ok());

    Provisioning first;
    ASSERT_EQ(provision(package, &first).state(), QStringLiteral("done"));
    EXPECT_EQ(core->staticNetworks().leasesOf(first.machineUuid)->first().address,
              QStringLiteral("192.168.70.20"));
    // The cluster's network is full: the one serving every hypervisor takes over.
    Provisioning second;
    ASSERT_EQ(provision(package, &second).state(), QStringLiteral("done"));
    EXPECT_EQ(core->staticNetworks().leasesOf(second.machineUuid)->first().address,
              QStringLiteral("10.30.0.10"));
}

// A machine Cairn provisioned before its records were lost (or another Cairn did) is adopted with
// what its definition says: its addresses leased again where free, its hypervisor's clusters.
TEST_F(MachineLifecycleTest, ManageAdoptsAMachineWithItsClustersAndTheAddressesItRecords)
{
    addNetwork(3);
    const Result<Cluster> rack = core->clusters().create(admin, QStringLiteral("rack-9"));
    ASSERT_TRUE(rack.ok());
    const Result<QList<Hypervisor>> hypervisors = core->virt().hypervisors(admin);
    ASSERT_TRUE(hypervisors.ok());
    ASSERT_TRUE(core->clusters().addHypervisor(admin, rack->uuid, hypervisors->first().uuid).ok());
    const QString other = QStringLiteral("0b7e3f4a-5c6d-4e8f-9a0b-1c2d3e4f5a6b");
    const Result<std::optional<IpLease>> taken =
        core->staticNetworks().leaseFor({}, other, QStringLiteral("52:54:00:00:00:09"));
    ASSERT_TRUE(taken.ok() && taken->has_value());
    ASSERT_EQ(taken->value().address, QStringLiteral("10.30.0.10"));

    const QString uuid = QStringLiteral("3d9c1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
    defineDomain(QStringLiteral("orphan"), uuid, disk, {},
                 QStringLiteral("<metadata><cairn:addresses "
                                "xmlns:cairn='https://cairn.dev/xmlns/libvirt/addresses/1.0'>"
                                "<cairn:address mac='52:54:00:00:00:01' ip='10.30.0.11'/>"
                                "<cairn:address mac='52:54:00:00:00:02' ip='10.30.0.10'/>"
                                "<cairn:address mac='52:54:00:00:00:03' ip='192.0.2.9'/>"
                                "</cairn:addresses></metadata>"));
    EXPECT_TRUE(core->virt().actionsOf(admin, uuid)->contains(QStringLiteral("manage")));

    const Result<QJsonObject> adopted = core->lifecycle().manage(admin, uuid);
    ASSERT_TRUE(adopted.ok()) << adopted.error().message.toStdString();
    EXPECT_EQ(adopted->value(QStringLiteral("clusters")).toArray(), QJsonArray{rack->uuid});
    const QJsonArray leased = adopted->value(QStringLiteral("addresses")).toArray();
    ASSERT_EQ(leased.size(), 1);
    EXPECT_EQ(leased[0][QStringLiteral("ip")].toString(), QStringLiteral("10.30.0.11"));
    const QJsonArray refused = adopted->value(QStringLiteral("not_leased")).toArray();
    ASSERT_EQ(refused.size(), 2);
    EXPECT_EQ(refused[0][QStringLiteral("reason")], QStringLiteral("Leased to another machine."))
        << "who holds an address is not told";
    EXPECT_EQ(refused[1][QStringLiteral("ip")].toString(), QStringLiteral("192.0.2.9"));

    const Result<Machine> machine = core->virt().machine(admin, uuid);
    ASSERT_TRUE(machine.ok());
    EXPECT_TRUE(machine->managed);
    EXPECT_EQ(machine->clusters, QStringList{rack->uuid});
    EXPECT_FALSE(core->virt().actionsOf(admin, uuid)->contains(QStringLiteral("manage")));
    EXPECT_EQ(core->staticNetworks().leasesOf(other)->size(), 1) << "the other keeps its address";

    // Adopting again is refused and changes nothing: its definition is the caller's to rewrite.
    EXPECT_EQ(core->lifecycle().manage(admin, uuid).error().code, ErrorCode::Conflict);
    ASSERT_EQ(core->staticNetworks().leasesOf(uuid)->size(), 1);
}

// A package is downloadable: a machine pointed at a host file must not carry it out.
TEST_F(MachineLifecycleTest, OnlyDisksFromTheImagesFoldersArePackaged)
{
    QTemporaryDir elsewhere;
    const QString secret = elsewhere.filePath(QStringLiteral("server.key"));
    QFile file(secret);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("not for packages\n");
    file.close();
    const QString uuid = QStringLiteral("7a1e0c5d-2b3f-4e6a-9c8d-0f1e2d3c4b5a");
    defineDomain(QStringLiteral("leaky"), uuid, secret);
    const Result<std::pair<QString, VirtTransaction>> started =
        core->lifecycle().package(admin, uuid);
    ASSERT_TRUE(started.ok());
    const VirtTransaction done = finished(started->second);
    EXPECT_EQ(done.state(), QStringLiteral("failed"));
    EXPECT_TRUE(done.job.error.contains(QStringLiteral("outside the images folders")))
        << done.job.error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(core->packages().archivePath(started->first)));
}

// What a provision leaves when the process dies under it, as the next start finds it: its job
// still running, a definition on the hypervisor, disks, an address leased.
TEST_F(MachineLifecycleTest, AProvisionCutShortIsUndoneAtTheNextStart)
{
    const QString package = packageGolden();
    addNetwork(2);
    const Result<QList<Hypervisor>> hypervisors = core->virt().hypervisors(admin);
    ASSERT_TRUE(hypervisors.ok());
    const QString uuid = QStringLiteral("0b7e9a4c-1d2e-4f30-8a5b-6c7d8e9f0a1b");
    const QString images = core->lifecycle().imagesOf(uuid);
    ASSERT_TRUE(QDir().mkpath(images));
    QFile partialDisk(images + QStringLiteral("/disk0-golden.img"));
    ASSERT_TRUE(partialDisk.open(QIODevice::WriteOnly));
    partialDisk.write(QByteArray(4096, 'x'));
    partialDisk.close();
    ASSERT_TRUE(
        core->staticNetworks().leaseFor({}, uuid, QStringLiteral("52:54:00:aa:bb:cc")).ok());
    ASSERT_EQ(core->staticNetworks().leasesOf(uuid)->size(), 1);
    const QString xml = QStringLiteral("<domain type='test'><name>half-made</name><uuid>%1</uuid>"
                                       "<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type>"
                                       "</os></domain>")
                            .arg(uuid);
    virDomainPtr domain = virDomainDefineXML(libvirt, xml.toUtf8().constData());
    ASSERT_NE(domain, nullptr);
    virDomainFree(domain);
    const Result<Job> job = provisionLeftRunning(uuid, hypervisors->first().uuid, package);
    ASSERT_TRUE(job.ok());

    const Result<int> recovered = core->jobs().recoverAfterCrash();
    ASSERT_TRUE(recovered.ok());
    EXPECT_EQ(recovered.value(), 1);

    EXPECT_TRUE(domainXml(uuid).isEmpty()) << "the definition is left";
    EXPECT_FALSE(QFileInfo::exists(images));
    EXPECT_TRUE(core->staticNetworks().leasesOf(uuid)->isEmpty());
    const Result<Job> ended = core->jobs().job(job->id);
    ASSERT_TRUE(ended.ok());
    EXPECT_EQ(ended->state, JobState::Interrupted);
    EXPECT_TRUE(ended->error.contains(QStringLiteral("its definition on")));
    EXPECT_TRUE(ended->error.contains(QStringLiteral("its disks, 1 address(es)")))
        << ended->error.toStdString();
}

TEST_F(MachineLifecycleTest, AJobAnotherServerRanIsNotCleanedUpAfter)
{
    const QString uuid = QStringLiteral("2d9a1c6e-3f40-4b52-8c7d-8e9f0a1b2c3d");
    const QString images = core->lifecycle().imagesOf(uuid);
    ASSERT_TRUE(QDir().mkpath(images));
    const Result<Job> job = core->jobs().repository().insert(
        QStringLiteral("virt.provision"),
        {{QStringLiteral("machine"), uuid}, {QStringLiteral("host"), QStringLiteral("node-b")}},
        admin.user.id, std::nullopt);
    ASSERT_TRUE(job.ok());
    ASSERT_TRUE(core->jobs().recoverAfterCrash().ok());
    EXPECT_TRUE(QFileInfo::exists(images)) << "another server's work in progress was removed";
    EXPECT_TRUE(core->jobs().job(job->id)->error.contains(QStringLiteral("it ran on node-b")));
}

TEST_F(MachineLifecycleTest, AProvisionThatHadMadeItsMachineKeepsItAfterACrash)
{
    const QString package = packageGolden();
    const QString uuid = QStringLiteral("1c8f0b5d-2e3f-4a41-9b6c-7d8e9f0a1b2c");
    defineDomain(QStringLiteral("made"), uuid, disk); // recorded, as the last steps do
    const Result<QList<Hypervisor>> hypervisors = core->virt().hypervisors(admin);
    ASSERT_TRUE(hypervisors.ok());
    const Result<Job> job = provisionLeftRunning(uuid, hypervisors->first().uuid, package);
    ASSERT_TRUE(job.ok());

    ASSERT_TRUE(core->jobs().recoverAfterCrash().ok());

    EXPECT_FALSE(domainXml(uuid).isEmpty());
    const Result<Machine> kept = core->virt().machine(admin, uuid);
    ASSERT_TRUE(kept.ok());
    EXPECT_TRUE(kept->managed);
    EXPECT_TRUE(core->jobs().job(job->id)->error.contains(QStringLiteral("it is kept")));
}
