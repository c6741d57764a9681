// Hypervisors synchronised into the database, checked against libvirt itself (the test driver:
// test:///default is one shared state per process; test:///FILE.xml a simulated host).
#include "virt/VirtService.h"

#include "CoreFixture.h"
#include "QtPrinters.h"
#include "virt/VirtPoller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QThread>
#include <libvirt/libvirt.h>

using namespace Cairn;

namespace {

const QString DefaultDomain = QStringLiteral("6695eb01-f6a4-8304-79aa-97f2502e193f");

class VirtServiceTest : public Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
        ASSERT_GT(admin.user.id, 0);
        libvirt = virConnectOpen("test:///default");
        ASSERT_NE(libvirt, nullptr);
    }

    void TearDown() override { virConnectClose(libvirt); }

    Machine machine(const QString &uuid)
    {
        const Result<Machine> found = core->virt().machine(admin, uuid);
        EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.error().message.toStdString());
        return found.ok() ? found.value() : Machine();
    }

    // The action as a transaction, waited for: the machine it left, or why it failed.
    Result<Machine> actAndWait(const Identity &caller, const QString &uuid, const QString &action)
    {
        const Result<VirtTransaction> started = core->virt().act(caller, uuid, action);
        if (!started)
            return started.error();
        const Result<VirtTransaction> done =
            core->virt().waitForTransaction(started.value(), 10000);
        if (!done)
            return done.error();
        if (done->job.state != JobState::Succeeded)
            return Error{Error::codeFromName(
                             done->job.result.value(QStringLiteral("error_code")).toString()),
                         done->job.error};
        return core->virt().machine(caller, uuid);
    }

    Identity admin;
    virConnectPtr libvirt = nullptr;
};

} // namespace

TEST_F(VirtServiceTest, TheDefaultTestHypervisorIsThereFromTheStart)
{
    const Result<QList<Hypervisor>> before = core->virt().hypervisors(admin);
    ASSERT_TRUE(before.ok());
    ASSERT_EQ(before->size(), 1);
    EXPECT_EQ(before->first().uri, QStringLiteral("test:///default"));
    EXPECT_EQ(before->first().state, QStringLiteral("unknown"));
    EXPECT_EQ(before->first().uuid.size(), 36);

    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    const Result<Hypervisor> host = core->virt().hypervisor(admin, before->first().uuid);
    ASSERT_TRUE(host.ok());
    EXPECT_EQ(host->state, QStringLiteral("up"));
    EXPECT_EQ(host->virtClass, QStringLiteral("test"));
    virNodeInfo node{};
    ASSERT_EQ(virNodeGetInfo(libvirt, &node), 0);
    EXPECT_EQ(host->cpus, int(node.cpus));
    EXPECT_EQ(host->memoryKib, qint64(node.memory));

    const Machine test = machine(DefaultDomain);
    EXPECT_EQ(test.name, QStringLiteral("test"));
    EXPECT_EQ(test.state, QStringLiteral("running"));
    EXPECT_EQ(test.hypervisorUuid, host->uuid);
    EXPECT_EQ(test.interfaces[0][QStringLiteral("mac")], QStringLiteral("aa:bb:cc:dd:ee:ff"));
    EXPECT_EQ(test.interfaces[0][QStringLiteral("network")], QStringLiteral("default"));
    EXPECT_EQ(test.disks[0][QStringLiteral("source")], QStringLiteral("/guest/diskimage1"));
    EXPECT_EQ(test.disks[0][QStringLiteral("target")], QStringLiteral("vda"));
    virDomainPtr domain =
        virDomainLookupByUUIDString(libvirt, DefaultDomain.toLatin1().constData());
    ASSERT_NE(domain, nullptr);
    virDomainInfo info{};
    ASSERT_EQ(virDomainGetInfo(domain, &info), 0);
    EXPECT_EQ(test.vcpus, int(info.nrVirtCpu));
    EXPECT_EQ(test.memoryKib, qint64(info.memory));
    virDomainFree(domain);
}

TEST_F(VirtServiceTest, ChangesMadeInLibvirtArriveWithTheNextSynchronisation)
{
    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    virDomainPtr test = virDomainLookupByUUIDString(libvirt, DefaultDomain.toLatin1().constData());
    ASSERT_NE(test, nullptr);
    ASSERT_EQ(virDomainSuspend(test), 0);
    const Result<Machine> paused = core->virt().refresh(admin, DefaultDomain);
    ASSERT_TRUE(paused.ok());
    EXPECT_EQ(paused->state, QStringLiteral("paused"));
    ASSERT_EQ(virDomainResume(test), 0);
    virDomainFree(test);

    const QByteArray xml = "<domain type='test'><name>extra</name>"
                           "<uuid>11111111-2222-4333-8444-555555555555</uuid>"
                           "<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>"
                           "</domain>";
    virDomainPtr extra = virDomainDefineXML(libvirt, xml.constData());
    ASSERT_NE(extra, nullptr);
    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    EXPECT_EQ(machine(QStringLiteral("11111111-2222-4333-8444-555555555555")).state,
              QStringLiteral("shutoff"));
    ASSERT_EQ(virDomainUndefine(extra), 0);
    virDomainFree(extra);
    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    const Result<Machine> gone =
        core->virt().machine(admin, QStringLiteral("11111111-2222-4333-8444-555555555555"));
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
    EXPECT_EQ(machine(DefaultDomain).state, QStringLiteral("running"));
}

TEST_F(VirtServiceTest, AnUnreachableHypervisorKeepsItsMachinesAsUnknown)
{
    const QString file = m_dir.filePath(QStringLiteral("lab.xml"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(CAIRN_LIBVIRT_FIXTURES "/lab.xml"), file));
    HypervisorRepository repository(core->database());
    const Result<Hypervisor> lab = repository.insert(
        QStringLiteral("lab"), QStringLiteral("test://") + file, QStringLiteral("test"));
    ASSERT_TRUE(lab.ok());
    const Result<Hypervisor> synchronised = core->virt().synchronise(lab.value());
    ASSERT_TRUE(synchronised.ok()) << synchronised.error().message.toStdString();
    EXPECT_EQ(synchronised->cpus, 8);
    const Machine web = machine(QStringLiteral("4b1c0d2e-1f3a-4c5d-8e6f-7a8b9c0d1e21"));
    EXPECT_EQ(web.name, QStringLiteral("web-1"));
    EXPECT_EQ(web.interfaces.size(), 2);
    EXPECT_EQ(web.interfaces[1][QStringLiteral("network")], QStringLiteral("br-storage"));
    const Result<QList<Machine>> all = core->virt().machines(admin);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 2) << "only the lab's, the default not synchronised yet";

    // The simulated host goes away: a fresh service (no kept connection) cannot reach it.
    ASSERT_TRUE(QFile::remove(file));
    VirtService fresh(core->database(), core->permissions(), core->jobs(), core->options().virt);
    const Result<Hypervisor> unreachable = fresh.synchronise(lab.value());
    ASSERT_FALSE(unreachable.ok());
    EXPECT_EQ(unreachable.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(machine(QStringLiteral("4b1c0d2e-1f3a-4c5d-8e6f-7a8b9c0d1e21")).state,
              QStringLiteral("unknown"));
    const Result<Hypervisor> recorded = fresh.hypervisor(admin, lab->uuid);
    ASSERT_TRUE(recorded.ok());
    EXPECT_EQ(recorded->state, QStringLiteral("unreachable"));
    EXPECT_FALSE(recorded->lastError.isEmpty());
}

TEST_F(VirtServiceTest, UsersSeeOnlyTheMachinesTheyMayView)
{
    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    const Identity op = addUser(QStringLiteral("operator"), false);
    ASSERT_GT(op.user.id, 0);
    const Result<QList<Machine>> none = core->virt().machines(op);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->isEmpty());
    const Result<Machine> refused = core->virt().machine(op, DefaultDomain);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);

    Permission view;
    view.userId = op.user.id;
    view.objectType = QString::fromLatin1(VirtService::MachineType);
    view.objectId = machine(DefaultDomain).id;
    view.action = Action::View;
    ASSERT_TRUE(core->permissions().grant(view).ok());
    const Result<QList<Machine>> one = core->virt().machines(op);
    ASSERT_TRUE(one.ok());
    ASSERT_EQ(one->size(), 1);
    EXPECT_EQ(one->first().uuid, DefaultDomain);
}

TEST_F(VirtServiceTest, ActionsChangeTheDomainInLibvirtAndRespectItsState)
{
    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    virDomainPtr domain =
        virDomainLookupByUUIDString(libvirt, DefaultDomain.toLatin1().constData());
    ASSERT_NE(domain, nullptr);
    const auto libvirtState = [&] {
        virDomainInfo info{};
        EXPECT_EQ(virDomainGetInfo(domain, &info), 0);
        return int(info.state);
    };
    const Result<QStringList> running = core->virt().actionsOf(admin, DefaultDomain);
    ASSERT_TRUE(running.ok());
    const QStringList always{QStringLiteral("store_xml"), QStringLiteral("manage")};
    const QStringList lifecycle{QStringLiteral("totaldelete"), QStringLiteral("provision")};
    EXPECT_EQ(running.value(), QStringList({QStringLiteral("suspend"), QStringLiteral("shutdown"),
                                            QStringLiteral("poweroff"), QStringLiteral("reboot")}) +
                                   always + lifecycle);

    const Result<Machine> suspended = actAndWait(admin, DefaultDomain, QStringLiteral("suspend"));
    ASSERT_TRUE(suspended.ok()) << suspended.error().message.toStdString();
    EXPECT_EQ(suspended->state, QStringLiteral("paused"));
    EXPECT_EQ(libvirtState(), VIR_DOMAIN_PAUSED);
    const Result<Machine> again = actAndWait(admin, DefaultDomain, QStringLiteral("suspend"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    EXPECT_EQ(libvirtState(), VIR_DOMAIN_PAUSED);

    ASSERT_TRUE(actAndWait(admin, DefaultDomain, QStringLiteral("poweroff")).ok());
    EXPECT_EQ(libvirtState(), VIR_DOMAIN_SHUTOFF);
    EXPECT_EQ(core->virt().actionsOf(admin, DefaultDomain).value(),
              QStringList{QStringLiteral("create")} + always +
                  QStringList{QStringLiteral("package")} + lifecycle);
    const Result<Machine> started = actAndWait(admin, DefaultDomain, QStringLiteral("create"));
    ASSERT_TRUE(started.ok());
    EXPECT_EQ(started->state, QStringLiteral("running"));
    EXPECT_EQ(libvirtState(), VIR_DOMAIN_RUNNING);

    // Without the control permission, viewing is not enough.
    const Identity op = addUser(QStringLiteral("viewer"), false);
    Permission view;
    view.userId = op.user.id;
    view.objectType = QString::fromLatin1(VirtService::MachineType);
    view.action = Action::View;
    ASSERT_TRUE(core->permissions().grant(view).ok());
    const Result<Machine> refused = actAndWait(op, DefaultDomain, QStringLiteral("suspend"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
    EXPECT_EQ(libvirtState(), VIR_DOMAIN_RUNNING);
    virDomainFree(domain);
}

TEST_F(VirtServiceTest, AHungHypervisorHoldsUpNoOtherInAPollRound)
{
    // A "hypervisor" whose TCP handshake completes (the kernel's backlog) but that never
    // answers libvirt's first call: its synchronisation hangs until the listener goes.
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    HypervisorRepository repository(core->database());
    const Result<Hypervisor> hung = repository.insert(
        QStringLiteral("a-hung"), // listed first: a sequential round would wait for it
        QStringLiteral("qemu+tcp://127.0.0.1:%1/system").arg(silent.serverPort()),
        QStringLiteral("qemu"));
    ASSERT_TRUE(hung.ok());
    VirtSettings tcpAllowed = core->options().virt;
    tcpAllowed.allowTcp = true;
    VirtService virt(core->database(), core->permissions(), core->jobs(), tcpAllowed);
    {
        VirtPoller poller(virt, 3600);
        poller.start();
        QElapsedTimer clock;
        clock.start();
        while (!core->virt().machine(admin, DefaultDomain).ok() && clock.elapsed() < 5000)
            QThread::msleep(20);
        EXPECT_LT(clock.elapsed(), 5000) << "the default hypervisor waited for the hung one";
        EXPECT_EQ(core->virt().hypervisor(admin, hung->uuid)->state, QStringLiteral("unknown"))
            << "still connecting";
        silent.close(); // the hung connection fails; the poller can stop
    }
    EXPECT_EQ(core->virt().hypervisor(admin, hung->uuid)->state, QStringLiteral("unreachable"));
}

TEST_F(VirtServiceTest, TransactionsAreFollowedByUuidAndInterruptedByARestart)
{
    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    const Result<VirtTransaction> started =
        core->virt().act(admin, DefaultDomain, QStringLiteral("suspend"));
    ASSERT_TRUE(started.ok()) << started.error().message.toStdString();
    EXPECT_EQ(started->uuid.size(), 36);
    EXPECT_EQ(started->user, QStringLiteral("admin"));
    const Result<VirtTransaction> done = core->virt().waitForTransaction(started.value(), 10000);
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(done->state(), QStringLiteral("done"));
    EXPECT_EQ(done->job.progress, 100);
    EXPECT_EQ(done->job.result[QStringLiteral("state")], QStringLiteral("paused"));
    ASSERT_TRUE(actAndWait(admin, DefaultDomain, QStringLiteral("resume")).ok());

    // Others see it only if they may view its machine.
    const Identity stranger = addUser(QStringLiteral("stranger"), false);
    const Result<VirtTransaction> hidden = core->virt().transaction(stranger, started->uuid);
    ASSERT_FALSE(hidden.ok());
    EXPECT_EQ(hidden.error().code, ErrorCode::Forbidden);
    EXPECT_EQ(core->virt().transaction(admin, QStringLiteral("nope")).error().code,
              ErrorCode::NotFound);

    // One a previous process left running cannot finish: it is interrupted at the next start.
    const Result<Job> orphan = core->jobs().repository().insert(QStringLiteral("virt.package"), {},
                                                                admin.user.id, std::nullopt);
    ASSERT_TRUE(orphan.ok());
    ASSERT_TRUE(core->jobs().repository().markRunning(orphan->id).ok());
    TransactionRepository transactions(core->database());
    ASSERT_TRUE(transactions
                    .insert(QStringLiteral("0b7e5c1e-2f1e-4c55-9a43-6a3c1b0f0001"), orphan->id,
                            DefaultDomain, QStringLiteral("package"))
                    .ok());
    ASSERT_TRUE(core->jobs().recoverAfterCrash().ok());
    const Result<VirtTransaction> interrupted =
        core->virt().transaction(admin, QStringLiteral("0B7E5C1E-2F1E-4C55-9A43-6A3C1B0F0001"));
    ASSERT_TRUE(interrupted.ok());
    EXPECT_EQ(interrupted->state(), QStringLiteral("interrupted"));
    EXPECT_EQ(core->virt().cancelTransaction(admin, interrupted->uuid)->state(),
              QStringLiteral("interrupted"));
}
