// Cancelling transactions on libvirt's test driver: one waiting behind another ends at once and
// never runs; a running package stops part-way and leaves nothing behind.
#include "CoreFixture.h"
#include "QtPrinters.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>
#include <libvirt/libvirt.h>

using namespace Cairn;

namespace {

const QString BigUuid = QStringLiteral("7a0d3b8f-9e2c-4f4b-8d70-1b2c3d4e5f60");

class TransactionCancelTest : public Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
        libvirt = virConnectOpen("test:///default");
        ASSERT_NE(libvirt, nullptr);
        // Incompressible, so that packaging it takes a while.
        const QString disk = m_dir.filePath(QStringLiteral("big.img"));
        QFile image(disk);
        ASSERT_TRUE(image.open(QIODevice::WriteOnly));
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (int megabyte = 0; megabyte < 96; ++megabyte) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()),
                                                  block.size() / 4);
            image.write(block);
        }
        image.close();
        const QString xml =
            QStringLiteral("<domain type='test'><name>big</name><uuid>%1</uuid>"
                           "<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>"
                           "<devices><disk type='file' device='disk'><source file='%2'/>"
                           "<target dev='vda'/></disk></devices></domain>")
                .arg(BigUuid, disk);
        virDomainPtr big = virDomainDefineXML(libvirt, xml.toUtf8().constData());
        ASSERT_NE(big, nullptr);
        virDomainFree(big);
        ASSERT_TRUE(core->virt().synchroniseAll().ok());
    }

    void TearDown() override
    {
        if (virDomainPtr big =
                virDomainLookupByUUIDString(libvirt, BigUuid.toLatin1().constData())) {
            if (virDomainIsActive(big) == 1)
                virDomainDestroy(big);
            virDomainUndefine(big);
            virDomainFree(big);
        }
        virConnectClose(libvirt);
    }

    bool isRunning()
    {
        virDomainPtr big = virDomainLookupByUUIDString(libvirt, BigUuid.toLatin1().constData());
        const bool active = big && virDomainIsActive(big) == 1;
        if (big)
            virDomainFree(big);
        return active;
    }

    Identity admin;
    virConnectPtr libvirt = nullptr;
};

} // namespace

TEST_F(TransactionCancelTest, AWaitingTransactionEndsAtOnceARunningPackageStopsAndCleansUp)
{
    const Result<std::pair<QString, VirtTransaction>> packaging =
        core->lifecycle().package(admin, BigUuid);
    ASSERT_TRUE(packaging.ok()) << packaging.error().message.toStdString();
    // Queued behind the package: the machine must not start while its disk is being read.
    const Result<VirtTransaction> start =
        core->virt().act(admin, BigUuid, QStringLiteral("create"));
    ASSERT_TRUE(start.ok()) << start.error().message.toStdString();
    EXPECT_EQ(start->state(), QStringLiteral("queued"));

    const Result<VirtTransaction> dropped = core->virt().cancelTransaction(admin, start->uuid);
    ASSERT_TRUE(dropped.ok());
    EXPECT_EQ(dropped->state(), QStringLiteral("cancelled"));

    // Cancelled once it has copied part of the disk.
    QElapsedTimer clock;
    clock.start();
    Result<VirtTransaction> now = core->virt().transaction(admin, packaging->second.uuid);
    while (clock.elapsed() < 20000 && now.ok() && now->job.progress == 0 &&
           now->state() != u"done") {
        QThread::msleep(2);
        now = core->virt().transaction(admin, packaging->second.uuid);
    }
    ASSERT_TRUE(now.ok());
    ASSERT_EQ(now->state(), QStringLiteral("running")) << "the disk copied too fast to cancel";
    ASSERT_TRUE(core->virt().cancelTransaction(admin, packaging->second.uuid).ok());
    const Result<VirtTransaction> stopped =
        core->virt().waitForTransaction(packaging->second, 20000);
    ASSERT_TRUE(stopped.ok());
    EXPECT_EQ(stopped->state(), QStringLiteral("cancelled"));
    EXPECT_LT(stopped->job.progress, 95);

    const QString archive = core->packages().archivePath(packaging->first);
    EXPECT_FALSE(QFile::exists(archive));
    EXPECT_FALSE(QFile::exists(archive + QStringLiteral(".part")));
    EXPECT_EQ(core->packages().get(admin, packaging->first).error().code, ErrorCode::NotFound);
    EXPECT_FALSE(isRunning()) << "the cancelled create never ran";
    EXPECT_EQ(core->virt().waitForTransaction(start.value(), 1000)->job.startedAt, std::nullopt);
}
