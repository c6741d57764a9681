// The per-device session cap held across nodes: slots counted in the database (both
// backends), and two session pools standing for two nodes, logging in to one real sshd.
#include "transport/DeviceSessionSlots.h"

#include "CoreFixture.h"
#include "Sanitizers.h"
#include "SshDevice.h"
#include "cluster/ClusterNodeRepository.h"
#include "transport/PlatformCatalog.h"
#include "transport/SessionPool.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <gtest/gtest.h>

using namespace Cairn;
using Cairn::Test::SshDevice;

class DeviceSessionSlotsTest : public Cairn::Test::CoreFixture
{
protected:
    qint64 nodeNamed(const QString &name)
    {
        ClusterNode node;
        node.name = name;
        node.version = QStringLiteral("0.1.0");
        node.host = QHostInfo::localHostName();
        node.pid = 1;
        return ClusterNodeRepository(core->database()).insert(node).value().id;
    }

    DeviceSessionSlots slotsOf(qint64 node)
    {
        return DeviceSessionSlots(core->database(), [node] { return std::optional<qint64>(node); });
    }

    static std::optional<int> claimed(DeviceSessionSlots &slots, const QString &device)
    {
        const Result<std::optional<int>> slot = slots.claim(device, 2);
        EXPECT_TRUE(slot.ok()) << qPrintable(slot.error().message);
        return slot.ok() ? slot.value() : std::nullopt;
    }
};

TEST_F(DeviceSessionSlotsTest, TheCapCountsEveryNodesSessionsAndADownNodesAreFreeAgain)
{
    const qint64 a = nodeNamed(QStringLiteral("node-a"));
    const qint64 b = nodeNamed(QStringLiteral("node-b"));
    DeviceSessionSlots onA = slotsOf(a);
    DeviceSessionSlots onB = slotsOf(b);
    const QString router = QStringLiteral("192.0.2.1:22");
    EXPECT_EQ(claimed(onA, router), 0);
    EXPECT_EQ(claimed(onB, router), 1);
    EXPECT_EQ(claimed(onA, router), std::nullopt) << "two sessions to the device already";
    EXPECT_EQ(claimed(onB, router), std::nullopt);
    EXPECT_EQ(claimed(onB, QStringLiteral("192.0.2.2:22")), 0) << "another device, its own cap";

    onB.release(router, 1);
    EXPECT_EQ(claimed(onA, router), 1);
    // Only the holder gives a slot back.
    onB.release(router, 0);
    EXPECT_EQ(claimed(onB, router), std::nullopt);

    // A node found dead held nothing any more: its sessions died with it.
    ASSERT_TRUE(ClusterNodeRepository(core->database()).markDown(a, ClusterNode::State::Dead).ok());
    EXPECT_EQ(claimed(onB, router), 0);
    EXPECT_EQ(claimed(onB, router), 1);

    // A process that is no node counts in the process only.
    DeviceSessionSlots alone(core->database(), [] { return std::optional<qint64>(); });
    EXPECT_EQ(claimed(alone, router), -1);
}

TEST_F(DeviceSessionSlotsTest, TwoNodesPoolsNeverHoldMoreSessionsToADeviceThanItsCap)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    if (const QString why = SshDevice::unavailableReason(); !why.isEmpty())
        GTEST_SKIP() << why.toStdString();
    SshDevice router(QStringLiteral("cisco_ios"));
    QString error;
    ASSERT_TRUE(router.start(&error)) << error.toStdString();
    SshEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = router.port();
    endpoint.username = QString::fromLatin1(SshDevice::User);
    endpoint.password = SshDevice::password();
    const PlatformProfile &profile = *PlatformCatalog::find(QStringLiteral("ios"));
    constexpr int CommandTimeoutMs = 10000;

    DeviceSessionSlots onA = slotsOf(nodeNamed(QStringLiteral("node-a")));
    DeviceSessionSlots onB = slotsOf(nodeNamed(QStringLiteral("node-b")));
    // One session per device; node A's idle sessions close after a second.
    SessionPool poolA(SessionPool::Limits{1, 8, 1000}, &onA);
    SessionPool poolB(SessionPool::Limits{1, 8, 60000}, &onB);
    {
        auto lease = poolA.acquire(endpoint, profile, {}, CommandTimeoutMs);
        ASSERT_TRUE(lease) << qPrintable(lease.error().message);
        ASSERT_TRUE(lease.value()->session().run(QStringLiteral("show version"), CommandTimeoutMs));
    }
    EXPECT_EQ(poolA.idleSessions(), 1);
    // Node A's idle session holds the device's one line: node B waits, then is told it is busy.
    const auto refused = poolB.acquire(endpoint, profile, {}, 300);
    ASSERT_FALSE(refused) << "two nodes, one session allowed to the device";
    EXPECT_EQ(refused.error().reason, QStringLiteral("busy"));
    // Once A's session has been idle its time, A closes it without being asked, and B, which
    // was waiting, gets the line.
    QElapsedTimer waited;
    waited.start();
    auto lease = poolB.acquire(endpoint, profile, {}, CommandTimeoutMs);
    ASSERT_TRUE(lease) << qPrintable(lease.error().message);
    EXPECT_TRUE(lease.value()->session().run(QStringLiteral("show version"), CommandTimeoutMs));
    EXPECT_LT(waited.elapsed(), 5000);
    EXPECT_EQ(poolA.openSessions(), 0);
    EXPECT_EQ(poolB.openSessions(), 1);
}
