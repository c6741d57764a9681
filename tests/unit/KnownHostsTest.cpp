// Device host keys: trust on first use, strict, and changed keys always refused.
#include "transport/KnownHosts.h"

#include "CoreFixture.h"

using namespace Cairn;

namespace {

class KnownHostsTest : public Test::CoreFixture
{
protected:
    const QString host = QStringLiteral("192.0.2.10");
    const QString type = QStringLiteral("ssh-ed25519");
    const QString key = QStringLiteral("SHA256:first");
};

} // namespace

TEST_F(KnownHostsTest, FirstUseRemembersTheKeyAndHoldsTheDeviceToIt)
{
    KnownHosts known(core->database());
    ASSERT_TRUE(known.check(host, 22, type, key, HostKeyPolicy::TrustOnFirstUse));
    EXPECT_TRUE(known.check(host, 22, type, key, HostKeyPolicy::Strict)) << "now known";
    const Result<void> changed =
        known.check(host, 22, type, QStringLiteral("SHA256:other"), HostKeyPolicy::TrustOnFirstUse);
    ASSERT_FALSE(changed);
    EXPECT_EQ(changed.error().reason, QStringLiteral("host_key"));
    EXPECT_TRUE(changed.error().message.contains(QLatin1String("changed")));
    // Another port of the same address is another device.
    EXPECT_TRUE(known.check(host, 2222, type, QStringLiteral("SHA256:other"),
                            HostKeyPolicy::TrustOnFirstUse));
}

TEST_F(KnownHostsTest, StrictRefusesUnknownDevicesUntilTheirKeyIsAdded)
{
    KnownHosts known(core->database());
    const Result<void> unknown = known.check(host, 22, type, key, HostKeyPolicy::Strict);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().reason, QStringLiteral("host_key"));
    ASSERT_TRUE(known.remember(host, 22, type, key));
    EXPECT_TRUE(known.check(host, 22, type, key, HostKeyPolicy::Strict));
}

TEST_F(KnownHostsTest, AForgottenKeyIsTrustedAnewOnFirstUse)
{
    KnownHosts known(core->database());
    ASSERT_TRUE(known.check(host, 22, type, key, HostKeyPolicy::TrustOnFirstUse));
    ASSERT_TRUE(known.forget(host, 22));
    EXPECT_TRUE(known.check(host, 22, type, QStringLiteral("SHA256:replacement"),
                            HostKeyPolicy::TrustOnFirstUse));
}
