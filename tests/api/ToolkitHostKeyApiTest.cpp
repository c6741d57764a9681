#include "ToolkitFixture.h"

#include <QJsonObject>

using namespace Cairn::Test;

// [toolkit] host_key_policy=strict: a device's key must be known before its first login.
class ToolkitHostKeyApiTest : public ToolkitFixture
{
protected:
    static void SetUpTestSuite()
    {
        if (!SshDevice::unavailableReason().isEmpty())
            return;
        s_router =
            std::make_unique<SshDevice>(QStringLiteral("cisco_ios"), QStringLiteral("strict"));
        QString error;
        ASSERT_TRUE(s_router->start(&error)) << error.toStdString();
        s_dir = std::make_unique<QTemporaryDir>();
        startServer(
            {QStringLiteral("--config"), writeConfig("[toolkit]\nhost_key_policy=strict\n")});
        s_device = addDevices({QStringLiteral("strict-1")}, s_router->port()).value(0);
        s_command = addCommands(R"([{"name": "Show version", "command": "show version",
                                     "platforms": ["cisco_ios"]}])")
                        .value(QStringLiteral("Show version"));
        s_token = credentialTokenOf(s_adminToken, "lab");
        ASSERT_FALSE(s_token.isEmpty());
    }

    static void TearDownTestSuite()
    {
        stopServer();
        s_router.reset();
    }

    static HttpReply execute()
    {
        return admin("POST",
                     "/api/plugins/toolkit/commands/" + QByteArray::number(s_command) + "/execute/",
                     R"({"device_id": )" + QByteArray::number(s_device) +
                         R"(, "credential_token": ")" + s_token + R"("})");
    }

    static CliResult knownHosts(const QStringList &arguments)
    {
        return s_server->cli(QStringList{QStringLiteral("known-hosts")} + arguments);
    }

    static inline std::unique_ptr<SshDevice> s_router;
    static inline int s_device = 0;
    static inline int s_command = 0;
    static inline QByteArray s_token;
};

TEST_F(ToolkitHostKeyApiTest, AnUnknownDeviceIsRefusedUntilItsKeyIsAdded)
{
    const HttpReply refused = execute();
    ASSERT_EQ(refused.status, 400) << refused.body.constData();
    EXPECT_TRUE(refused.json()[QStringLiteral("error_message")].toString().contains(
        QLatin1String("policy is strict")))
        << refused.body.constData();

    const QString port = QString::number(s_router->port());
    // Mistyped keys are refused before they are held.
    for (const QStringList &mistyped :
         {QStringList{QStringLiteral("ssh-ed25519"), QStringLiteral("not-a-fingerprint")},
          QStringList{QStringLiteral("ssh-ed25519"), QStringLiteral("SHA256:short")},
          QStringList{QStringLiteral("ed25519"), s_router->hostKeyFingerprint()}}) {
        const CliResult refusedKey = knownHosts(
            QStringList{QStringLiteral("add"), QStringLiteral("127.0.0.1"), port} + mistyped);
        EXPECT_EQ(refusedKey.exitCode, 2) << mistyped.join(QLatin1Char(' ')).toStdString();
        EXPECT_FALSE(refusedKey.err.isEmpty());
    }
    const CliResult added =
        knownHosts({QStringLiteral("add"), QStringLiteral("127.0.0.1"), port,
                    QStringLiteral("ssh-ed25519"), s_router->hostKeyFingerprint()});
    ASSERT_EQ(added.exitCode, 0) << added.err.constData();
    const CliResult listed = knownHosts({QStringLiteral("list")});
    EXPECT_EQ(listed.exitCode, 0);
    EXPECT_TRUE(listed.out.contains(QByteArray("127.0.0.1:" + port.toUtf8())));
    EXPECT_TRUE(listed.out.contains(s_router->hostKeyFingerprint().toUtf8()))
        << listed.out.constData();
    const HttpReply ran = execute();
    EXPECT_EQ(ran.status, 200) << ran.body.constData();

    // A replaced device's key is forgotten (then added anew under the strict policy).
    ASSERT_EQ(knownHosts({QStringLiteral("forget"), QStringLiteral("127.0.0.1"), port}).exitCode,
              0);
    EXPECT_EQ(knownHosts({QStringLiteral("forget"), QStringLiteral("127.0.0.1")}).exitCode, 2);
    const CliResult again =
        knownHosts({QStringLiteral("forget"), QStringLiteral("127.0.0.1"), port});
    EXPECT_EQ(again.exitCode, 1) << "forgetting a host Cairn does not know is an error";
    EXPECT_TRUE(again.err.contains("No host key is known")) << again.err.constData();
}
