// Transactions on libvirt's test driver: while one runs, another action on the machine is
// refused naming it; a running package, cancelled, stops part-way and leaves nothing behind.
#include "QtPrinters.h"
#include "TestDriverFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>

using namespace Cairn;

namespace {

const QString BigUuid = QStringLiteral("7a0d3b8f-9e2c-4f4b-8d70-1b2c3d4e5f60");

class TransactionCancelTest : public Test::TestDriverFixture
{
protected:
    void SetUp() override
    {
        TestDriverFixture::SetUp();
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
        defineDomain(QStringLiteral("big"), BigUuid, disk);
    }

    bool isRunning()
    {
        virDomainPtr big = virDomainLookupByUUIDString(libvirt, BigUuid.toLatin1().constData());
        const bool active = big && virDomainIsActive(big) == 1;
        if (big)
            virDomainFree(big);
        return active;
    }
};

} // namespace

TEST_F(TransactionCancelTest, ABusyMachineRefusesOtherActionsARunningPackageStopsAndCleansUp)
{
    const Result<std::pair<QString, VirtTransaction>> packaging =
        core->lifecycle().package(admin, BigUuid);
    ASSERT_TRUE(packaging.ok()) << packaging.error().message.toStdString();
    // The machine must not start while its disk is being read, nor be queued to start after
    // an operation its caller never saw.
    const Result<VirtTransaction> start =
        core->virt().act(admin, BigUuid, QStringLiteral("create"));
    ASSERT_FALSE(start.ok());
    EXPECT_EQ(start.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(start.error().message.contains(packaging->second.uuid))
        << start.error().message.toStdString();
    const Result<VirtTransaction> removal = core->lifecycle().totalDelete(admin, BigUuid);
    ASSERT_FALSE(removal.ok());
    EXPECT_EQ(removal.error().code, ErrorCode::Conflict);

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
    EXPECT_FALSE(isRunning()) << "the refused create never ran";
    // Once the package has ended, the machine takes actions again.
    const Result<VirtTransaction> later =
        core->virt().act(admin, BigUuid, QStringLiteral("create"));
    ASSERT_TRUE(later.ok()) << later.error().message.toStdString();
    EXPECT_EQ(core->virt().waitForTransaction(later.value(), 20000)->state(),
              QStringLiteral("done"));
    EXPECT_TRUE(isRunning());
}
