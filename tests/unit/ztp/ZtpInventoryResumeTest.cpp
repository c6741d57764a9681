#include "CoreFixture.h"
#include "ztp/ZtpNodeFiles.h"
#include "ztp/ZtpNodeRepository.h"

#include <QFile>

using namespace Cairn;

namespace {

// A registration is answered once its record and files are saved; its inventory device is
// written after the answer. A server that stopped in between writes it when it starts again
// (ServeCommand calls resumeInventory()), and only then: a device an operator deleted stays
// deleted.
class ZtpInventoryResumeTest : public Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        ASSERT_TRUE(core->ztp().prepare().ok());
    }

    // The record and facts a registration of `serial` saved before its answer.
    void savedBeforeTheStop(const QByteArray &serial)
    {
        const QByteArray body = R"({"serialnumber": ")" + serial +
                                R"(", "model": "DCS-7050", "version": "4.30",
            "systemmac": "00:1c:73:00:00:01",
            "neighbors": {"Ethernet1": [{"device": "spine1", "port": "Ethernet49"}]}})";
        const Result<ZtpNode> node = ZtpNode::fromJson(body, core->ztp().settings().identifier);
        ASSERT_TRUE(node.ok());
        const QString nodeId = QString::fromLatin1(serial);
        const QString folder = core->ztp().dataRoot().file(QStringLiteral("nodes/") + nodeId);
        ASSERT_TRUE(
            ZtpNodeFiles::write(folder, {{QStringLiteral(".node"), node->toStoredJson()}}).ok());
        ZtpNodeRecord record;
        record.nodeId = nodeId;
        record.serialNumber = nodeId;
        record.model = node->model;
        record.status = QStringLiteral("registered");
        record.lastAddress = QStringLiteral("192.0.2.7");
        record.pattern = QStringLiteral("leaf");
        record.definition = QStringLiteral("leaf");
        ASSERT_TRUE(ZtpNodeRepository(core->database()).upsert(record, true).ok());
    }

    std::optional<Device> device(const QString &hostname)
    {
        DeviceFilter filter;
        filter.hostname = hostname;
        const Result<QList<Device>> found = core->devices().list(filter);
        EXPECT_TRUE(found.ok());
        return found && found->size() == 1 ? std::optional<Device>(found->first()) : std::nullopt;
    }
};

TEST_F(ZtpInventoryResumeTest, APendingDeviceIsWrittenWhenTheServerStartsAgain)
{
    savedBeforeTheStop("SN-PENDING");
    EXPECT_FALSE(device(QStringLiteral("SN-PENDING")));

    core->ztp().resumeInventory();
    core->ztp().waitForRecords();

    const std::optional<Device> made = device(QStringLiteral("SN-PENDING"));
    ASSERT_TRUE(made);
    EXPECT_EQ(made->serialNumber, QStringLiteral("SN-PENDING"));
    EXPECT_EQ(made->ipAddress, QStringLiteral("192.0.2.7"));
    ZtpNodeRepository nodes(core->database());
    EXPECT_EQ(nodes.byNodeId(QStringLiteral("SN-PENDING"))->deviceId, made->id);
    EXPECT_TRUE(nodes.inventoryPending()->isEmpty());

    // An operator deletes the device: starting again does not bring it back.
    const Identity admin = addUser(QStringLiteral("admin"), true);
    ASSERT_TRUE(core->devices().remove(admin, {made->id}).ok());
    core->ztp().resumeInventory();
    core->ztp().waitForRecords();
    EXPECT_FALSE(device(QStringLiteral("SN-PENDING")));
}

// A node whose facts are gone, or are another node's, is skipped with a warning; the others
// are still written.
TEST_F(ZtpInventoryResumeTest, ANodeWithoutItsOwnFactsDoesNotStopTheOthers)
{
    savedBeforeTheStop("SN-LOST");
    savedBeforeTheStop("SN-COPIED");
    savedBeforeTheStop("SN-KEPT");
    const auto facts = [this](const char *node) {
        return core->ztp().dataRoot().file(
            QStringLiteral("nodes/%1/.node").arg(QLatin1String(node)));
    };
    ASSERT_TRUE(QFile::remove(facts("SN-LOST")));
    ASSERT_TRUE(QFile::remove(facts("SN-COPIED")));
    ASSERT_TRUE(QFile::copy(facts("SN-KEPT"), facts("SN-COPIED")));

    core->ztp().resumeInventory();
    core->ztp().waitForRecords();

    EXPECT_FALSE(device(QStringLiteral("SN-LOST")));
    EXPECT_FALSE(device(QStringLiteral("SN-COPIED")));
    EXPECT_TRUE(device(QStringLiteral("SN-KEPT")));
}

} // namespace
