// The SSH transport against real OpenSSH servers emulating device CLIs (tests/support).
#include "FreePort.h"
#include "SshDevice.h"
#include "transport/DeviceSession.h"
#include "transport/PlatformCatalog.h"
#include "transport/SessionPool.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QtConcurrent/QtConcurrentRun>
#include <gtest/gtest.h>

using namespace Cairn;
using Cairn::Test::SshDevice;

namespace {

constexpr int CommandTimeoutMs = 10000;

class TransportTest : public testing::Test
{
protected:
    void SetUp() override
    {
        const QString why = SshDevice::unavailableReason();
        if (!why.isEmpty())
            GTEST_SKIP() << why.toStdString();
    }

    SshDevice &device(const QString &platform, const QString &hostname = QStringLiteral("R1"))
    {
        m_devices.push_back(std::make_unique<SshDevice>(platform, hostname));
        QString error;
        EXPECT_TRUE(m_devices.back()->start(&error)) << error.toStdString();
        return *m_devices.back();
    }

    static SshEndpoint endpointOf(const SshDevice &device)
    {
        SshEndpoint endpoint;
        endpoint.host = QStringLiteral("127.0.0.1");
        endpoint.port = device.port();
        endpoint.username = QString::fromLatin1(SshDevice::User);
        endpoint.password = SshDevice::password();
        return endpoint;
    }

    static Result<std::unique_ptr<DeviceSession>> open(const SshEndpoint &endpoint,
                                                       const QString &platform)
    {
        return DeviceSession::open(endpoint, *PlatformCatalog::find(platform), {},
                                   CommandTimeoutMs);
    }

    std::vector<std::unique_ptr<SshDevice>> m_devices;
};

QString reasonOf(const Result<std::unique_ptr<DeviceSession>> &result)
{
    return result ? QStringLiteral("(succeeded)") : result.error().reason;
}

} // namespace

TEST(PlatformCatalogTest, NamesAndAliasesFindTheirProfiles)
{
    EXPECT_EQ(PlatformCatalog::find(QStringLiteral("ios"))->name, QStringLiteral("cisco_ios"));
    EXPECT_EQ(PlatformCatalog::find(QStringLiteral("EOS"))->name, QStringLiteral("arista_eos"));
    EXPECT_EQ(PlatformCatalog::find(QStringLiteral("junos"))->name,
              QStringLiteral("juniper_junos"));
    EXPECT_EQ(PlatformCatalog::find(QStringLiteral("nxos"))->name, QStringLiteral("cisco_nxos"));
    EXPECT_EQ(PlatformCatalog::find(QStringLiteral("vms")), nullptr);
    for (const char *name : {"cisco_ios", "cisco_nxos", "cisco_iosxr", "arista_eos",
                             "juniper_junos", "linux", "generic"}) {
        const PlatformProfile *profile = PlatformCatalog::find(QString::fromLatin1(name));
        ASSERT_NE(profile, nullptr) << name;
        EXPECT_TRUE(profile->prompt.isValid()) << name;
        EXPECT_FALSE(profile->errors.isEmpty()) << name;
    }
}

TEST(PlatformCatalogTest, DeviceErrorsAreRecognisedPerVendor)
{
    const auto typeOf = [](const char *platform, const char *output) {
        const auto error = PlatformCatalog::find(QString::fromLatin1(platform))
                               ->detectError(QString::fromLatin1(output));
        return error ? error->type : QString();
    };
    EXPECT_EQ(typeOf("cisco_ios", "   ^\n% Invalid input detected at '^' marker."),
              QStringLiteral("invalid_input"));
    EXPECT_EQ(typeOf("juniper_junos", "syntax error, expecting <command>."),
              QStringLiteral("syntax_error"));
    EXPECT_EQ(typeOf("cisco_ios", "Cisco IOS Software, Version 15.5"), QString());
}

TEST_F(TransportTest, PasswordLoginRunsACommandAndReturnsOnlyItsOutput)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"), QStringLiteral("edge-1"));
    auto session = open(endpointOf(router), QStringLiteral("cisco_ios"));
    ASSERT_TRUE(session) << session.error().message.toStdString();
    const Result<QString> output =
        session.value()->run(QStringLiteral("show version"), CommandTimeoutMs);
    ASSERT_TRUE(output) << output.error().message.toStdString();
    EXPECT_TRUE(output->startsWith(QLatin1String("Cisco IOS Software"))) << output->toStdString();
    EXPECT_TRUE(output->contains(QLatin1String("edge-1 uptime is")));
    EXPECT_FALSE(output->contains(QLatin1String("edge-1>"))) << "the prompt is not output";
    EXPECT_TRUE(output->endsWith(QLatin1String("0x2102")));
    // The same session serves the next command.
    const Result<QString> interfaces =
        session.value()->run(QStringLiteral("show ip interface brief"), CommandTimeoutMs);
    ASSERT_TRUE(interfaces);
    EXPECT_TRUE(interfaces->contains(QLatin1String("GigabitEthernet0/0/1")));
    EXPECT_TRUE(session.value()->isReusable());
}

TEST_F(TransportTest, ClosedSessionsLeaveNoOpenSockets)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    const auto openFiles = [] {
        return QDir(QStringLiteral("/proc/self/fd")).count();
    };
    const auto before = openFiles();
    for (int i = 0; i < 3; ++i) {
        auto session = open(endpointOf(router), QStringLiteral("cisco_ios"));
        ASSERT_TRUE(session);
        ASSERT_TRUE(session.value()->run(QStringLiteral("show version"), CommandTimeoutMs));
    }
    SshEndpoint wrongPassword = endpointOf(router);
    wrongPassword.password = QStringLiteral("not-the-password");
    ASSERT_FALSE(open(wrongPassword, QStringLiteral("cisco_ios")));
    EXPECT_EQ(openFiles(), before);
}

TEST_F(TransportTest, KeyLoginNeedsNoPassword)
{
    SshDevice &router = device(QStringLiteral("arista_eos"), QStringLiteral("spine1"));
    SshEndpoint endpoint = endpointOf(router);
    endpoint.password.clear();
    endpoint.privateKey = router.privateKey();
    auto session = open(endpoint, QStringLiteral("eos"));
    ASSERT_TRUE(session) << session.error().message.toStdString();
    const Result<QString> output =
        session.value()->run(QStringLiteral("show version"), CommandTimeoutMs);
    ASSERT_TRUE(output);
    EXPECT_TRUE(output->contains(QLatin1String("Arista DCS-7050TX-64-R")));
}

TEST_F(TransportTest, FailuresSayWhichStepFailed)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    SshEndpoint wrongPassword = endpointOf(router);
    wrongPassword.password = QStringLiteral("not-the-password");
    EXPECT_EQ(reasonOf(open(wrongPassword, QStringLiteral("cisco_ios"))),
              QStringLiteral("auth_failed"));

    SshEndpoint closed = endpointOf(router);
    closed.port = Cairn::Test::freePort();
    EXPECT_EQ(reasonOf(open(closed, QStringLiteral("cisco_ios"))), QStringLiteral("refused"));

    // A port that accepts connections and never speaks: the handshake's timeout is honoured.
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    SshEndpoint mute = endpointOf(router);
    mute.port = silent.serverPort();
    mute.authTimeoutMs = 1000;
    QElapsedTimer clock;
    clock.start();
    EXPECT_EQ(reasonOf(open(mute, QStringLiteral("cisco_ios"))), QStringLiteral("timeout"));
    EXPECT_LT(clock.elapsed(), 2500);

    SshEndpoint nowhere = endpointOf(router);
    nowhere.host = QStringLiteral("no-such-host.invalid");
    EXPECT_EQ(reasonOf(open(nowhere, QStringLiteral("cisco_ios"))), QStringLiteral("unreachable"));
}

TEST_F(TransportTest, HostKeysAreCheckedBeforeLoggingIn)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    QString seen;
    const HostKeyCheck remember = [&](const QString &, int, const QString &type,
                                      const QString &fingerprint) -> Result<void> {
        seen = type + QLatin1Char(' ') + fingerprint;
        return {};
    };
    auto session =
        DeviceSession::open(endpointOf(router), *PlatformCatalog::find(QStringLiteral("ios")),
                            remember, CommandTimeoutMs);
    ASSERT_TRUE(session);
    EXPECT_TRUE(seen.startsWith(QLatin1String("ssh-ed25519 SHA256:"))) << seen.toStdString();
    const HostKeyCheck refuse = [](const QString &, int, const QString &,
                                   const QString &) -> Result<void> {
        return Error::unavailable(QStringLiteral("host_key"), QStringLiteral("changed"));
    };
    auto refused =
        DeviceSession::open(endpointOf(router), *PlatformCatalog::find(QStringLiteral("ios")),
                            refuse, CommandTimeoutMs);
    EXPECT_EQ(reasonOf(refused), QStringLiteral("host_key"));
}

TEST_F(TransportTest, PagedOutputIsCollectedWhole)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    // Without "terminal length 0" the device pages at 24 lines.
    PlatformProfile paging = *PlatformCatalog::find(QStringLiteral("cisco_ios"));
    paging.sessionCommands.clear();
    auto session = DeviceSession::open(endpointOf(router), paging, {}, CommandTimeoutMs);
    ASSERT_TRUE(session);
    const Result<QString> output =
        session.value()->run(QStringLiteral("show logging"), CommandTimeoutMs);
    ASSERT_TRUE(output) << output.error().message.toStdString();
    const QStringList lines = output->split(QLatin1Char('\n'));
    EXPECT_EQ(lines.size(), 60) << output->toStdString();
    EXPECT_FALSE(output->contains(QLatin1String("More")));
    EXPECT_TRUE(lines.last().endsWith(QLatin1String("line 60")));
}

TEST_F(TransportTest, EnableAndConfigurationModes)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    SshEndpoint endpoint = endpointOf(router);
    endpoint.enablePassword = QStringLiteral("wrong");
    EXPECT_EQ(reasonOf(open(endpoint, QStringLiteral("cisco_ios"))), QStringLiteral("auth_failed"));

    endpoint.enablePassword = QStringLiteral("enable-secret");
    auto session = open(endpoint, QStringLiteral("cisco_ios"));
    ASSERT_TRUE(session) << session.error().message.toStdString();
    const Result<QString> configured = session.value()->configure(
        {QStringLiteral("interface GigabitEthernet0/0/1"), QStringLiteral("description uplink")},
        CommandTimeoutMs);
    ASSERT_TRUE(configured) << configured.error().message.toStdString();
    EXPECT_TRUE(configured->contains(QLatin1String("Enter configuration commands")));
    const Result<QString> invalid =
        session.value()->configure({QStringLiteral("frobnicate")}, CommandTimeoutMs);
    ASSERT_TRUE(invalid);
    EXPECT_EQ(session.value()->profile().detectError(invalid.value())->type,
              QStringLiteral("invalid_input"));
    // Back in privileged mode afterwards.
    const Result<QString> config =
        session.value()->run(QStringLiteral("show running-config"), CommandTimeoutMs);
    ASSERT_TRUE(config);
    EXPECT_TRUE(config->startsWith(QLatin1String("hostname R1")));
}

TEST_F(TransportTest, CommandTimeoutIsHonouredAndTheSessionIsNotReused)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    auto session = open(endpointOf(router), QStringLiteral("cisco_ios"));
    ASSERT_TRUE(session);
    QElapsedTimer clock;
    clock.start();
    const Result<QString> slow = session.value()->run(QStringLiteral("show tech-support"), 1000);
    ASSERT_FALSE(slow);
    EXPECT_EQ(slow.error().reason, QStringLiteral("timeout"));
    EXPECT_LT(clock.elapsed(), 2500) << "the 3 s command was not waited for";
    EXPECT_FALSE(session.value()->isReusable());
}

TEST_F(TransportTest, UnknownCommandsAndInvalidUtf8AreOutputLikeAnyOther)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    auto session = open(endpointOf(router), QStringLiteral("cisco_ios"));
    ASSERT_TRUE(session);
    const Result<QString> unknown =
        session.value()->run(QStringLiteral("show bogus"), CommandTimeoutMs);
    ASSERT_TRUE(unknown);
    EXPECT_TRUE(unknown->contains(QLatin1String("% Invalid input detected")));
    const Result<QString> binary =
        session.value()->run(QStringLiteral("show binary"), CommandTimeoutMs);
    ASSERT_TRUE(binary);
    EXPECT_TRUE(binary->contains(QChar::ReplacementCharacter)) << binary->toStdString();
}

TEST_F(TransportTest, OtherPlatformsPrompts)
{
    SshDevice &junos = device(QStringLiteral("juniper_junos"), QStringLiteral("mx1"));
    auto session = open(endpointOf(junos), QStringLiteral("junos"));
    ASSERT_TRUE(session) << session.error().message.toStdString();
    const Result<QString> version =
        session.value()->run(QStringLiteral("show version"), CommandTimeoutMs);
    ASSERT_TRUE(version);
    EXPECT_TRUE(version->startsWith(QLatin1String("Hostname: mx1")));

    SshDevice &host = device(QStringLiteral("linux"), QStringLiteral("web1"));
    auto shell = open(endpointOf(host), QStringLiteral("linux"));
    ASSERT_TRUE(shell);
    const Result<QString> uname = shell.value()->run(QStringLiteral("uname -a"), CommandTimeoutMs);
    ASSERT_TRUE(uname);
    EXPECT_TRUE(uname->startsWith(QLatin1String("Linux web1"))) << uname->toStdString();
}

TEST_F(TransportTest, PoolReusesSessionsAndCapsThemPerDevice)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    SessionPool pool(SessionPool::Limits{1, 8, 60000});
    const SshEndpoint endpoint = endpointOf(router);
    const PlatformProfile &profile = *PlatformCatalog::find(QStringLiteral("ios"));
    for (int i = 0; i < 3; ++i) {
        auto lease = pool.acquire(endpoint, profile, {}, CommandTimeoutMs);
        ASSERT_TRUE(lease) << lease.error().message.toStdString();
        ASSERT_TRUE(lease.value()->session().run(QStringLiteral("show version"), CommandTimeoutMs));
    }
    EXPECT_EQ(pool.openSessions(), 1) << "three commands, one login";
    EXPECT_EQ(pool.idleSessions(), 1);

    auto held = pool.acquire(endpoint, profile, {}, CommandTimeoutMs);
    ASSERT_TRUE(held);
    const auto second = pool.acquire(endpoint, profile, {}, 300);
    ASSERT_FALSE(second) << "one session per device at most";
    EXPECT_EQ(second.error().reason, QStringLiteral("busy"));
    // Released while another thread waits: the waiter gets the same session.
    auto waiter = QtConcurrent::run([&] {
        auto lease = pool.acquire(endpoint, profile, {}, CommandTimeoutMs);
        return lease &&
               lease.value()->session().run(QStringLiteral("show version"), CommandTimeoutMs).ok();
    });
    QThread::msleep(100);
    held.value().reset();
    EXPECT_TRUE(waiter.result());
    EXPECT_EQ(pool.openSessions(), 1);
}

TEST_F(TransportTest, LongOutputIsCollectedAndEndlessOutputIsCutOff)
{
    SshDevice &router = device(QStringLiteral("cisco_ios"));
    SshEndpoint endpoint = endpointOf(router);
    auto session = open(endpoint, QStringLiteral("cisco_ios"));
    ASSERT_TRUE(session) << session.error().message.toStdString();
    const Result<QString> large = session.value()->run(QStringLiteral("show large"), 60000);
    ASSERT_TRUE(large) << large.error().message.toStdString();
    EXPECT_EQ(large->count(QLatin1Char('\n')), 39999);
    EXPECT_TRUE(large->endsWith(QLatin1String("039999 ") + QString(70, u'x')));
    EXPECT_TRUE(session.value()->isReusable());

    endpoint.maxOutputBytes = 64 * 1024;
    auto capped = open(endpoint, QStringLiteral("cisco_ios"));
    ASSERT_TRUE(capped) << capped.error().message.toStdString();
    const Result<QString> flood = capped.value()->run(QStringLiteral("show flood"), 60000);
    ASSERT_FALSE(flood);
    EXPECT_EQ(flood.error().reason, QStringLiteral("output_limit"));
    EXPECT_FALSE(capped.value()->isReusable()) << "the device is still talking";
}
