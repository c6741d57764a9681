#include "ToolkitFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <future>

using namespace Cairn::Test;

// Commands run for real, over SSH, on OpenSSH servers that emulate device CLIs.
class ToolkitExecuteApiTest : public ToolkitFixture
{
protected:
    static void SetUpTestSuite()
    {
        if (!SshDevice::unavailableReason().isEmpty())
            return;
        s_router =
            std::make_unique<SshDevice>(QStringLiteral("cisco_ios"), QStringLiteral("edge-1"), 8);
        QString error;
        ASSERT_TRUE(s_router->start(&error)) << error.toStdString();
        s_dir = std::make_unique<QTemporaryDir>();
        startServer(
            {QStringLiteral("--config"), writeConfig("[toolkit]\nrate_limit_bypass_users=ops\n"
                                                     "rate_limit_bypass_groups=noc\n")});
        s_opsToken =
            s_server->addUserWithToken(QStringLiteral("ops"), QStringLiteral("ops-password"), true);
        // Inventory devices on the one emulated router: rate limits are per device. edge-2's
        // platform is given by an alias.
        s_edge1 = addDevices({QStringLiteral("edge-1")}, s_router->port()).value(0);
        s_edge2 = addDevices({QStringLiteral("edge-2")}, s_router->port(), QStringLiteral("ios"))
                      .value(0);
        s_junos = addDevices({QStringLiteral("junos-1")}, s_router->port(),
                             QStringLiteral("juniper_junos"))
                      .value(0);
        ASSERT_EQ(admin("POST", "/api/interfaces/",
                        R"({"device": "edge-1", "name": "GigabitEthernet0/0/1"})")
                      .status,
                  201);
        s_commands = addCommands(R"([
            {"name": "Show version", "command": "show version", "platforms": ["cisco_ios"]},
            {"name": "Bogus", "command": "show bogus", "platforms": ["cisco_ios"]},
            {"name": "Slow", "command": "show tech-support", "platforms": ["cisco_ios"]},
            {"name": "Interface", "command": "show interfaces <interface>", "platforms": ["cisco_ios"],
             "variables": [{"name": "interface", "variable_type": "interface"}]}])");
        ASSERT_EQ(s_commands.size(), 4);
        s_token = credentialTokenOf(s_adminToken, "lab");
        ASSERT_FALSE(s_token.isEmpty());
    }

    static void TearDownTestSuite()
    {
        stopServer();
        s_router.reset();
    }

    // Runs `command` as the holder of `apiToken` with the credential set of `credentialToken`.
    static HttpReply executeAs(const QByteArray &apiToken, const QString &command, int deviceId,
                               const QByteArray &credentialToken, const QByteArray &extra = {})
    {
        return client().request("POST",
                                "/api/plugins/toolkit/commands/" +
                                    QByteArray::number(s_commands.value(command)) + "/execute/",
                                R"({"device_id": )" + QByteArray::number(deviceId) +
                                    R"(, "credential_token": ")" + credentialToken + '"' + extra +
                                    '}',
                                HttpClient::token(apiToken));
    }

    static HttpReply execute(const QString &command, int deviceId, const QByteArray &extra = {},
                             const QByteArray &token = s_token)
    {
        return executeAs(s_adminToken, command, deviceId, token, extra);
    }

    static inline std::unique_ptr<SshDevice> s_router;
    static inline int s_edge1 = 0;
    static inline int s_edge2 = 0;
    static inline int s_junos = 0;
    static inline QHash<QString, int> s_commands;
    static inline QByteArray s_token;
    static inline QByteArray s_opsToken;
};

TEST_F(ToolkitExecuteApiTest, ShowCommandRunsOnTheDeviceAndIsLogged)
{
    const HttpReply reply = execute(QStringLiteral("Show version"), s_edge1);
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    const QJsonObject result = reply.json().toObject();
    EXPECT_TRUE(result[QStringLiteral("success")].toBool());
    EXPECT_TRUE(result[QStringLiteral("output")].toString().startsWith(
        QLatin1String("Cisco IOS Software")));
    EXPECT_TRUE(
        result[QStringLiteral("output")].toString().contains(QLatin1String("edge-1 uptime")));
    EXPECT_GT(result[QStringLiteral("command_log_id")].toInt(), 0);
    EXPECT_EQ(result[QStringLiteral("command")][QStringLiteral("command_type")].toString(),
              QStringLiteral("show"));
    EXPECT_EQ(result[QStringLiteral("device")][QStringLiteral("name")].toString(),
              QStringLiteral("edge-1"));
    EXPECT_FALSE(result[QStringLiteral("syntax_error")][QStringLiteral("detected")].toBool());
    const QJsonObject parsed = result[QStringLiteral("parsed_output")].toObject();
    EXPECT_TRUE(parsed[QStringLiteral("success")].toBool()) << parsed;
    EXPECT_EQ(parsed[QStringLiteral("method")], QStringLiteral("textfsm"));
    const QJsonObject version = parsed[QStringLiteral("data")][0].toObject();
    EXPECT_EQ(version[QStringLiteral("hostname")], QStringLiteral("edge-1"));
    EXPECT_EQ(version[QStringLiteral("version")], QStringLiteral("15.5(3)S5"));
    // The log keeps what was parsed.
    const HttpReply logged =
        client().get("/api/plugins/toolkit/command-logs/" +
                         QByteArray::number(result[QStringLiteral("command_log_id")].toInt()) + '/',
                     HttpClient::token(s_adminToken));
    EXPECT_EQ(logged.json()[QStringLiteral("parsed_output")].toObject(), parsed);
    EXPECT_GT(result[QStringLiteral("execution_time")].toDouble(), 0.0);
}

TEST_F(ToolkitExecuteApiTest, DeviceSideErrorsAreDetectedPerVendor)
{
    const HttpReply reply = execute(QStringLiteral("Bogus"), s_edge1);
    ASSERT_EQ(reply.status, 400) << reply.body.constData();
    const QJsonObject result = reply.json().toObject();
    EXPECT_FALSE(result[QStringLiteral("success")].toBool());
    EXPECT_TRUE(
        result[QStringLiteral("output")].toString().contains(QLatin1String("% Invalid input")));
    const QJsonObject syntax = result[QStringLiteral("syntax_error")].toObject();
    EXPECT_TRUE(syntax[QStringLiteral("detected")].toBool());
    EXPECT_EQ(syntax[QStringLiteral("type")].toString(), QStringLiteral("invalid_input"));
    EXPECT_EQ(syntax[QStringLiteral("vendor")].toString(), QStringLiteral("Cisco"));
    EXPECT_FALSE(syntax[QStringLiteral("guidance")].toString().isEmpty());
    EXPECT_EQ(result[QStringLiteral("parsed_output")][QStringLiteral("method")],
              QStringLiteral("none"));
    EXPECT_FALSE(result[QStringLiteral("parsed_output")][QStringLiteral("success")].toBool());
}

TEST_F(ToolkitExecuteApiTest, VariablesAreCheckedAgainstTheDevice)
{
    const HttpReply wrong =
        execute(QStringLiteral("Interface"), s_edge1, R"(, "variables": {"interface": "Gi9/9"})");
    ASSERT_EQ(wrong.status, 400);
    EXPECT_TRUE(
        wrong.json()[QStringLiteral("variables")].toObject().contains(QStringLiteral("interface")))
        << wrong.body.constData();
    const HttpReply injected =
        execute(QStringLiteral("Interface"), s_edge1,
                R"(, "variables": {"interface": "GigabitEthernet0/0/1\nreload"})");
    EXPECT_EQ(injected.status, 400) << "a line break would be a second command";
    const HttpReply missing = execute(QStringLiteral("Interface"), s_edge1);
    EXPECT_EQ(missing.status, 400);
    const HttpReply right = execute(QStringLiteral("Interface"), s_edge1,
                                    R"(, "variables": {"interface": "GigabitEthernet0/0/1"})");
    EXPECT_EQ(right.status, 400) << "the emulator does not know this command: a device error";
    EXPECT_TRUE(right.json()[QStringLiteral("syntax_error")][QStringLiteral("detected")].toBool());
}

TEST_F(ToolkitExecuteApiTest, RefusalsComeBeforeTheDevice)
{
    const HttpReply badToken = execute(QStringLiteral("Show version"), s_edge1, {}, "0123456789");
    EXPECT_EQ(badToken.status, 400);
    EXPECT_TRUE(badToken.json().toObject().contains(QStringLiteral("credential_token")));
    const HttpReply wrongPlatform = execute(QStringLiteral("Show version"), s_junos);
    EXPECT_EQ(wrongPlatform.status, 400);
    EXPECT_TRUE(wrongPlatform.json().toObject().contains(QStringLiteral("device_id")));
    // A device nobody gave a platform is told which field to set, and how.
    const HttpReply bare =
        admin("POST", "/api/devices/", R"({"hostname": "bare-1", "ip_address": "127.0.0.1"})");
    ASSERT_EQ(bare.status, 201) << bare.body.constData();
    const HttpReply noPlatform =
        execute(QStringLiteral("Show version"), bare.json()[QStringLiteral("id")].toInt());
    EXPECT_EQ(noPlatform.status, 400);
    EXPECT_TRUE(noPlatform.json()[QStringLiteral("device_id")][0].toString().startsWith(
        QLatin1String("bare-1 has no platform: set the device's platform to one of cisco_ios")))
        << noPlatform.body.constData();
    const HttpReply noDevice = execute(QStringLiteral("Show version"), 999999);
    EXPECT_EQ(noDevice.status, 400);
    const HttpReply shortTimeout =
        execute(QStringLiteral("Show version"), s_edge1, R"(, "timeout": 1)");
    EXPECT_EQ(shortTimeout.status, 400);
    EXPECT_TRUE(shortTimeout.json().toObject().contains(QStringLiteral("timeout")));
    EXPECT_EQ(admin("POST", "/api/plugins/toolkit/commands/999999/execute/",
                    R"({"device_id": 1, "credential_token": "x"})")
                  .status,
              404);
    // Without execute_show, and another operator's token is no token at all.
    const HttpReply denied =
        executeAs(s_aliceToken, QStringLiteral("Show version"), s_edge1, s_token);
    EXPECT_EQ(denied.status, 403);
    EXPECT_TRUE(denied.json().toObject().contains(QStringLiteral("error")));
    EXPECT_TRUE(denied.json().toObject().contains(QStringLiteral("details")));
}

TEST_F(ToolkitExecuteApiTest, TimeoutsAreHonouredAndNeverStallOtherRequests)
{
    // The slow command takes 8 s; with a 5 s timeout the answer comes at about 5 s.
    QElapsedTimer clock;
    clock.start();
    auto slow = std::async(std::launch::async, [] {
        return execute(QStringLiteral("Slow"), s_edge1, R"(, "timeout": 5)");
    });
    QThread::msleep(300);
    QElapsedTimer other;
    other.start();
    EXPECT_EQ(admin("GET", "/api/plugins/toolkit/commands/").status, 200);
    EXPECT_LT(other.elapsed(), 1000) << "a device wait never holds a listener thread";
    const HttpReply timedOut = slow.get();
    EXPECT_EQ(timedOut.status, 400) << timedOut.body.constData();
    EXPECT_TRUE(
        timedOut.json()[QStringLiteral("error_message")].toString().contains(QLatin1String("time")))
        << timedOut.body.constData();
    EXPECT_GE(clock.elapsed(), 4500);
    EXPECT_LT(clock.elapsed(), 7000);
}

TEST_F(ToolkitExecuteApiTest, TheEleventhExecutionOnADeviceIsRateLimited)
{
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(execute(QStringLiteral("Show version"), s_edge2).status, 200) << i;
    const HttpReply limited = execute(QStringLiteral("Show version"), s_edge2);
    ASSERT_EQ(limited.status, 429) << limited.body.constData();
    EXPECT_EQ(limited.json()[QStringLiteral("error")].toString(),
              QStringLiteral("Rate limit exceeded"));
    const QJsonObject details = limited.json()[QStringLiteral("details")].toObject();
    EXPECT_EQ(details[QStringLiteral("current_count")].toInt(), 10);
    EXPECT_EQ(details[QStringLiteral("limit")].toInt(), 10);
    EXPECT_EQ(details[QStringLiteral("time_window_minutes")].toInt(), 5);
    EXPECT_FALSE(details[QStringLiteral("reason")].toString().isEmpty());
    // A bypass user is not limited (with their own credential set).
    const QByteArray opsSet = credentialTokenOf(s_opsToken, "ops");
    ASSERT_FALSE(opsSet.isEmpty());
    const HttpReply bypass = executeAs(s_opsToken, QStringLiteral("Show version"), s_edge2, opsSet);
    EXPECT_EQ(bypass.status, 200) << bypass.body.constData();
    // So is a member of a bypass group.
    const QByteArray carol =
        s_server->addUserWithToken(QStringLiteral("carol"), QStringLiteral("carol-password"), true);
    const QByteArray carolSet = credentialTokenOf(carol, "carol");
    EXPECT_EQ(executeAs(carol, QStringLiteral("Show version"), s_edge2, carolSet).status, 429);
    ASSERT_EQ(s_server->cli({QStringLiteral("group"), QStringLiteral("add"), QStringLiteral("noc")})
                  .exitCode,
              0);
    ASSERT_EQ(s_server
                  ->cli({QStringLiteral("group"), QStringLiteral("member"), QStringLiteral("noc"),
                         QStringLiteral("carol")})
                  .exitCode,
              0);
    EXPECT_EQ(executeAs(carol, QStringLiteral("Show version"), s_edge2, carolSet).status, 200);
    // Failed executions do not count: edge-1 had errors above and still runs.
    EXPECT_EQ(execute(QStringLiteral("Show version"), s_edge1).status, 200);
}

TEST_F(ToolkitExecuteApiTest, VariablesCanBeCheckedAndChosenBeforehand)
{
    const QByteArray base = "/api/plugins/toolkit/commands/" +
                            QByteArray::number(s_commands.value(QStringLiteral("Interface")));
    const QByteArray device = QByteArray::number(s_edge1);
    const HttpReply valid = admin("POST", base + "/validate-variables/",
                                  R"({"device_id": )" + device +
                                      R"(, "variables": {"interface": "GigabitEthernet0/0/1"}})");
    ASSERT_EQ(valid.status, 200) << valid.body.constData();
    EXPECT_EQ(valid.json()[QStringLiteral("detail")].toString(),
              QStringLiteral("Variables are valid"));
    const HttpReply invalid =
        admin("POST", base + "/validate-variables/",
              R"({"device_id": )" + device + R"(, "variables": {"interface": "Gi7"}})");
    ASSERT_EQ(invalid.status, 400);
    EXPECT_TRUE(invalid.json()[QStringLiteral("variables")].toObject().contains(
        QStringLiteral("interface")));
    EXPECT_FALSE(invalid
                     .json()[QStringLiteral("validation_details")][QStringLiteral("interface")]
                            [QStringLiteral("valid")]
                     .toBool());

    const HttpReply choices = admin("GET", base + "/variable-choices/?device_id=" + device);
    ASSERT_EQ(choices.status, 200) << choices.body.constData();
    const QJsonObject interface = choices.json()[QStringLiteral("interface")].toObject();
    EXPECT_EQ(interface[QStringLiteral("type")].toString(), QStringLiteral("interface"));
    EXPECT_EQ(interface[QStringLiteral("choices")].toArray(),
              QJsonArray{QStringLiteral("GigabitEthernet0/0/1")});
    const HttpReply noDevice = admin("GET", base + "/variable-choices/");
    EXPECT_EQ(noDevice.status, 400);
    EXPECT_TRUE(noDevice.json().toObject().contains(QStringLiteral("device_id")));
}

TEST_F(ToolkitExecuteApiTest, EveryExecutionIsInTheLog)
{
    const HttpReply ran = execute(QStringLiteral("Bogus"), s_edge1);
    ASSERT_EQ(ran.status, 400);
    const QByteArray logPath =
        "/api/plugins/toolkit/command-logs/" +
        QByteArray::number(ran.json()[QStringLiteral("command_log_id")].toInt()) + "/";
    const HttpReply detail = admin("GET", logPath);
    ASSERT_EQ(detail.status, 200) << detail.body.constData();
    const QJsonObject log = detail.json().toObject();
    EXPECT_EQ(log[QStringLiteral("command")][QStringLiteral("name")].toString(),
              QStringLiteral("Bogus"));
    EXPECT_EQ(log[QStringLiteral("device")][QStringLiteral("name")].toString(),
              QStringLiteral("edge-1"));
    EXPECT_EQ(log[QStringLiteral("username")].toString(), QStringLiteral("admin"));
    EXPECT_EQ(log[QStringLiteral("device_username")].toString(),
              QString::fromLatin1(SshDevice::User));
    EXPECT_FALSE(log[QStringLiteral("success")].toBool());
    EXPECT_TRUE(
        log[QStringLiteral("output")].toString().contains(QLatin1String("% Invalid input")));
    EXPECT_FALSE(log[QStringLiteral("error_message")].toString().isEmpty());

    const QByteArray base = "/api/plugins/toolkit/command-logs/";
    const QJsonObject failures =
        admin("GET", base + "?success=false&device_id=" + QByteArray::number(s_edge1) +
                         "&command_name_icontains=BOG&ordering=-execution_time")
            .json()
            .toObject();
    EXPECT_GE(failures[QStringLiteral("count")].toInt(), 1);
    for (const QJsonValue row : failures[QStringLiteral("results")].toArray())
        EXPECT_EQ(row[QStringLiteral("command")][QStringLiteral("name")].toString(),
                  QStringLiteral("Bogus"));
    EXPECT_EQ(admin("GET", base + "?execution_time_after=2999-01-01")
                  .json()[QStringLiteral("count")]
                  .toInt(),
              0);
    EXPECT_EQ(admin("GET", base + "?execution_time_after=not-a-date").status, 400);
    // Operators see their own executions only.
    const HttpReply alices = client().get(base, HttpClient::token(s_aliceToken));
    EXPECT_EQ(alices.json()[QStringLiteral("count")].toInt(), 0);
    EXPECT_EQ(client().get(logPath, HttpClient::token(s_aliceToken)).status, 404);
}

TEST_F(ToolkitExecuteApiTest, OperatorsRunWhatTheyAreGranted)
{
    const QByteArray bob =
        s_server->addUserWithToken(QStringLiteral("bob"), QStringLiteral("bob-password"), false);
    EXPECT_EQ(s_server
                  ->cli({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("bob"),
                         QStringLiteral("execute_everything"), QStringLiteral("command")})
                  .exitCode,
              2);
    const CliResult granted =
        s_server->cli({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("bob"),
                       QStringLiteral("execute_show"), QStringLiteral("command")});
    ASSERT_EQ(granted.exitCode, 0) << granted.out.constData() << granted.err.constData();
    const QByteArray bobSet = credentialTokenOf(bob, "bob");
    ASSERT_FALSE(bobSet.isEmpty());
    const HttpReply ran = executeAs(bob, QStringLiteral("Show version"), s_edge1, bobSet);
    EXPECT_EQ(ran.status, 200) << ran.body.constData();
    EXPECT_EQ(client()
                  .get("/api/plugins/toolkit/command-logs/", HttpClient::token(bob))
                  .json()[QStringLiteral("count")]
                  .toInt(),
              1)
        << "bob sees his own execution";
}

// Pointing a device at another address must not send its credentials to a host nobody vouched
// for, trust on first use or not: the new address's key is added on purpose first.
TEST_F(ToolkitExecuteApiTest, ADeviceMovedToAnotherHostNeedsThatHostTrusted)
{
    const int mover = addDevices({QStringLiteral("mover-1")}, s_router->port()).value(0);
    ASSERT_GT(mover, 0);
    ASSERT_EQ(execute(QStringLiteral("Show version"), mover).status, 200);

    SshDevice elsewhere(QStringLiteral("cisco_ios"), QStringLiteral("elsewhere"));
    QString error;
    ASSERT_TRUE(elsewhere.start(&error)) << error.toStdString();
    // An earlier test's device may have had this port: its key is not this one's. (Forgetting a
    // port nobody used is an error, exit 1, and harmless here.)
    ASSERT_NE(s_server
                  ->cli({QStringLiteral("known-hosts"), QStringLiteral("forget"),
                         QStringLiteral("127.0.0.1"), QString::number(elsewhere.port())})
                  .exitCode,
              2);
    ASSERT_EQ(admin("PATCH", "/api/devices/" + QByteArray::number(mover) + "/",
                    R"({"port": )" + QByteArray::number(elsewhere.port()) + "}")
                  .status,
              200);
    const HttpReply refused = execute(QStringLiteral("Show version"), mover);
    EXPECT_EQ(refused.status, 400) << refused.body.constData();
    EXPECT_TRUE(
        refused.json()[QStringLiteral("error_message")].toString().contains(QLatin1String("moved")))
        << refused.body.constData();

    const CliResult trusted =
        s_server->cli({QStringLiteral("known-hosts"), QStringLiteral("add"),
                       QStringLiteral("127.0.0.1"), QString::number(elsewhere.port()),
                       QStringLiteral("ssh-ed25519"), elsewhere.hostKeyFingerprint()});
    ASSERT_EQ(trusted.exitCode, 0) << trusted.err.constData();
    const HttpReply ran = execute(QStringLiteral("Show version"), mover);
    EXPECT_EQ(ran.status, 200) << ran.body.constData();
    EXPECT_TRUE(
        ran.json()[QStringLiteral("output")].toString().contains(QLatin1String("elsewhere")))
        << ran.body.constData();
}

TEST_F(ToolkitExecuteApiTest, ACredentialSetIsEditedWithoutLosingItsPasswordOrToken)
{
    // A device of its own: the rate limit test uses the others up.
    const int device = addDevices({QStringLiteral("edge-9")}, s_router->port()).value(0);
    const QByteArray token = credentialTokenOf(s_adminToken, "editable");
    ASSERT_FALSE(token.isEmpty());
    const QJsonArray sets = admin("GET", "/api/plugins/toolkit/credential-sets/?limit=0")
                                .json()[QStringLiteral("results")]
                                .toArray();
    QByteArray path;
    for (const QJsonValue set : sets) {
        if (set[QStringLiteral("name")] == QStringLiteral("editable"))
            path = "/api/plugins/toolkit/credential-sets/" +
                   QByteArray::number(set[QStringLiteral("id")].toInt()) + '/';
    }
    ASSERT_FALSE(path.isEmpty());
    // Only what is given changes: the password stays, and so does the token.
    const HttpReply patched =
        admin("PATCH", path, R"({"description": "core routers", "platforms": ["ios"]})");
    ASSERT_EQ(patched.status, 200) << patched.body.constData();
    EXPECT_EQ(patched.json()[QStringLiteral("description")], QStringLiteral("core routers"));
    EXPECT_TRUE(patched.json()[QStringLiteral("has_password")].toBool());
    EXPECT_EQ(execute(QStringLiteral("Show version"), device, {}, token).status, 200);
    // Another user's set is not theirs to change, even a superuser's.
    EXPECT_EQ(
        client()
            .request("PATCH", path, R"({"description": "mine"})", HttpClient::token(s_opsToken))
            .status,
        404);
    // A replaced password is what the next login uses.
    const HttpReply replaced =
        admin("PUT", path,
              R"({"name": "editable", "username": ")" + QByteArray(SshDevice::User) +
                  R"(", "password": "not-the-password"})");
    ASSERT_EQ(replaced.status, 200) << replaced.body.constData();
    EXPECT_TRUE(replaced.json()[QStringLiteral("platforms")].toArray().isEmpty());
    const HttpReply refused = execute(QStringLiteral("Show version"), device, {}, token);
    EXPECT_FALSE(refused.json()[QStringLiteral("success")].toBool()) << refused.body.constData();
    // Bad input names the field and changes nothing.
    const HttpReply bad = admin("PATCH", path, R"({"name": "", "password": "x"})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.body.contains("name")) << bad.body.constData();
}
