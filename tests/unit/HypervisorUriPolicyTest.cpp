// Which libvirt URIs may become hypervisors: the usual drivers and transports only, and
// simulated hosts only from the fixtures folder.
#include "virt/HypervisorUriPolicy.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class HypervisorUriPolicyTest : public testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(QDir().mkpath(fixtures()));
        for (const QString &name :
             {QStringLiteral("fixtures/host.xml"), QStringLiteral("secret.xml")}) {
            QFile file(m_dir.filePath(name));
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        }
        ASSERT_TRUE(QFile::link(m_dir.filePath(QStringLiteral("secret.xml")),
                                fixtures() + QStringLiteral("/link.xml")));
    }

    QString fixtures() const { return m_dir.filePath(QStringLiteral("fixtures")); }

    bool allowed(const QString &uri, bool allowTcp = false) const
    {
        VirtSettings settings;
        settings.testFixturesDir = fixtures();
        settings.allowTcp = allowTcp;
        const Result<void> checked = HypervisorUriPolicy(settings).check(uri);
        if (!checked) {
            EXPECT_TRUE(checked.error().fields.contains(QStringLiteral("virt_url")))
                << qPrintable(uri);
        }
        return checked.ok();
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(HypervisorUriPolicyTest, TheUsualDriversAndTransportsAreAllowed)
{
    for (const QString &uri : QStringList{
             QStringLiteral("qemu:///system"), QStringLiteral("qemu:///session"),
             QStringLiteral("qemu+ssh://root@kvm1.example.net/system"),
             QStringLiteral("qemu+ssh://kvm1:2222/system?no_tty=1&mode=direct&proxy=native"),
             QStringLiteral("qemu+tls://kvm2.example.net/system"),
             QStringLiteral("test:///default"),
             QStringLiteral("test://") + fixtures() + QStringLiteral("/host.xml")})
        EXPECT_TRUE(allowed(uri)) << qPrintable(uri);
    EXPECT_FALSE(allowed(QStringLiteral("qemu+tcp://kvm3/system")));
    EXPECT_TRUE(allowed(QStringLiteral("qemu+tcp://kvm3/system"), true));
}

TEST_F(HypervisorUriPolicyTest, TransportsThatRunCommandsOrReachLocalSocketsAreRefused)
{
    for (const QString &uri :
         QStringList{QStringLiteral("qemu+ext:///system?command=/bin/sh"),
                     QStringLiteral("qemu+unix:///system"),
                     QStringLiteral("qemu+unix:///system?socket=/run/other.sock"),
                     QStringLiteral("qemu+ssh://host/system?command=/bin/sh"),
                     QStringLiteral("qemu+ssh://host/system?netcat=/tmp/nc"),
                     QStringLiteral("qemu+ssh://host/system?socket=/run/other.sock"),
                     QStringLiteral("qemu+ssh://host/system?keyfile=/etc/ssh/ssh_host_ed25519_key"),
                     QStringLiteral("qemu+ssh://host/system?known_hosts=/dev/null"),
                     QStringLiteral("qemu+ssh://host/system?mode=evil"),
                     QStringLiteral("qemu+tls://host/system?no_verify=1"),
                     QStringLiteral("qemu+tls://host/system?pkipath=/srv/cairn"),
                     QStringLiteral("qemu+ssh:///system"),
                     QStringLiteral("qemu+ssh://host/embed"),
                     QStringLiteral("qemu://host/system"),
                     QStringLiteral("qemu:///system?socket=/x"),
                     QStringLiteral("qemu:///embed?root=/tmp/x"),
                     QStringLiteral("qemu+ssh://user:password@host/system"),
                     QStringLiteral("qemu:///system#fragment"),
                     QStringLiteral("xen:///system"),
                     QStringLiteral("lxc:///"),
                     QStringLiteral("vbox:///session"),
                     QStringLiteral("esx://host/"),
                     QStringLiteral("file:///etc/passwd"),
                     QStringLiteral("/etc/passwd"),
                     QStringLiteral(""),
                     QStringLiteral("not a uri")})
        EXPECT_FALSE(allowed(uri)) << qPrintable(uri);
}

TEST_F(HypervisorUriPolicyTest, SimulatedHostsComeOnlyFromTheFixturesFolder)
{
    const QString outside = m_dir.filePath(QStringLiteral("secret.xml"));
    for (const QString &uri : QStringList{
             QStringLiteral("test://") + outside,
             QStringLiteral("test://") + fixtures() + QStringLiteral("/../secret.xml"),
             QStringLiteral("test://") + fixtures() + QStringLiteral("/link.xml"),
             QStringLiteral("test://") + fixtures() + QStringLiteral("/nowhere/missing.xml"),
             QStringLiteral("test://") + fixtures(), QStringLiteral("test:///etc/passwd"),
             QStringLiteral("test://host/default"), QStringLiteral("test:///default?x=1")})
        EXPECT_FALSE(allowed(uri)) << qPrintable(uri);

    // A host file taken away is unreachable when connected to, not refused.
    EXPECT_TRUE(allowed(QStringLiteral("test://") + fixtures() + QStringLiteral("/gone.xml")));

    const Result<void> unconfigured =
        HypervisorUriPolicy(VirtSettings{})
            .check(QStringLiteral("test://") + fixtures() + QStringLiteral("/host.xml"));
    EXPECT_FALSE(unconfigured.ok());
    EXPECT_TRUE(HypervisorUriPolicy(VirtSettings{}).check(QStringLiteral("test:///default")).ok());
}
