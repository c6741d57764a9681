// Secrets are never in clear anywhere a user or an attacker can read: the database file, the
// server's log, the change log, exports and error answers. The test puts known secrets through
// every face that takes one, collects everything the run produced, and looks for them.
#include "FreePort.h"
#include "ServerFixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cairn::Test;

namespace {

const QByteArray AuthString = "auth-7b3e91f0c2";
const QByteArray DevicePassword = "devpw-5c2a8d14e6";
const QByteArray ServicePassword = "restpw-8e1f3b7a92";
const QByteArray ServiceHeader = "restkey-41c9d07e55";
const QByteArray EnablePassword = "enable-0d9f3a71b8";

class SecretsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    // Everything a request answered, kept for the search at the end.
    static HttpReply kept(const HttpReply &reply)
    {
        s_answers += reply.body;
        for (const auto &[name, value] : reply.headers)
            s_answers += name + ": " + value + '\n';
        return reply;
    }

    static inline QByteArray s_answers;
};

} // namespace

TEST_F(SecretsApiTest, NoSecretIsInTheDatabaseLogsChangesExportsOrErrors)
{
    // A protocol's shared secret, set and changed.
    ASSERT_EQ(kept(admin("POST", "/api/sites/1/attributes/",
                         R"({"name": "asn", "resource_name": "Protocol"})"))
                  .status,
              201);
    ASSERT_EQ(kept(admin("POST", "/api/sites/1/protocol_types/",
                         R"({"name": "bgp", "required_attributes": ["asn"]})"))
                  .status,
              201);
    const HttpReply router = kept(admin(
        "POST", "/api/devices/",
        R"({"hostname": "r1", "site_id": 1, "ip_address": "127.0.0.1", "platform": "cisco_ios", "port": )" +
            QByteArray::number(freePort()) + "}"));
    ASSERT_EQ(router.status, 201) << router.body.constData();
    // (NSoT shows a protocol's auth_string to those who read the protocol: not kept.)
    const HttpReply protocol = admin("POST", "/api/sites/1/protocols/",
                                     R"({"type": "bgp", "device": "r1", "auth_string": ")" +
                                         AuthString + R"(", "attributes": {"asn": "65001"}})");
    ASSERT_EQ(protocol.status, 201) << protocol.body.constData();
    const QByteArray protocolId =
        QByteArray::number(protocol.json()[QStringLiteral("id")].toInteger());
    EXPECT_EQ(admin("PATCH", "/api/sites/1/protocols/" + protocolId + "/",
                    R"({"auth_string": ")" + AuthString + R"(-2", "description": "x"})")
                  .status,
              200);
    const HttpReply changes = kept(admin("GET", "/api/changes/"));
    ASSERT_EQ(changes.status, 200);
    EXPECT_TRUE(changes.body.contains("\"Protocol\"")) << "the changes are there";

    // A device login, used (the device is not there: the attempt fails and is logged).
    // (Its credential_token is shown once, in this answer: not kept.)
    const HttpReply set = admin("POST", "/api/plugins/toolkit/credential-sets/",
                                R"({"name": "lab", "username": "netops", "password": ")" +
                                    DevicePassword + R"(", "enable_password": ")" + EnablePassword +
                                    R"(", "platforms": ["cisco_ios"]})");
    ASSERT_EQ(set.status, 201) << set.body.constData();
    const QByteArray credentialToken =
        set.json()[QStringLiteral("credential_token")].toString().toUtf8();
    const HttpReply command = kept(
        admin("POST", "/api/plugins/toolkit/commands/",
              R"({"name": "Version", "command": "show version", "platforms": ["cisco_ios"]})"));
    ASSERT_EQ(command.status, 201) << command.body.constData();
    const HttpReply executed = kept(admin(
        "POST",
        "/api/plugins/toolkit/commands/" +
            QByteArray::number(command.json()[QStringLiteral("id")].toInteger()) + "/execute/",
        R"({"device_id": )" + QByteArray::number(router.json()[QStringLiteral("id")].toInteger()) +
            R"(, "credential_token": ")" + credentialToken + R"(", "timeout": 5})"));
    EXPECT_NE(executed.status, 200);
    for (const QByteArray &format : {QByteArray("csv"), QByteArray("json")})
        EXPECT_EQ(
            kept(admin("GET", "/api/plugins/toolkit/command-logs/export/?format=" + format)).status,
            200);
    // An eNMS REST call service's password.
    ASSERT_EQ(kept(admin("POST", "/rest/instance/service",
                         R"({"name": "api", "type": "rest_call_service", "rest_url": "http://x/",
                             "password": ")" +
                             ServicePassword + R"(", "headers": {"X-Api-Key": ")" + ServiceHeader +
                             R"("}})"))
                  .json()[QStringLiteral("success")]
                  .toArray()
                  .size(),
              1);
    kept(admin("GET", "/rest/instance/service/api"));
    // Wrong credentials and bad input, answered with errors.
    kept(client().get("/api/users/0/", HttpClient::basic("admin", "admin-password-wrong")));
    kept(admin("POST", "/api/plugins/toolkit/credential-sets/",
               R"({"name": "lab", "username": "netops", "password": ")" + DevicePassword +
                   R"(", "platforms": ["cisco_ios"]})"));

    QList<QByteArray> secrets{AuthString,      DevicePassword, EnablePassword,   credentialToken,
                              ServicePassword, ServiceHeader,  "admin-password", "alice-password",
                              s_adminToken,    s_aliceToken};
    // The server key itself, in every place but its own file.
    QFile key(s_dir->filePath(QStringLiteral("server.key")));
    ASSERT_TRUE(key.open(QIODevice::ReadOnly));
    secrets << key.readAll().trimmed();
    QByteArray stored;
    for (const QString &name : QDir(s_dir->path()).entryList({QStringLiteral("*.sqlite*")})) {
        QFile file(s_dir->filePath(name));
        if (file.open(QIODevice::ReadOnly))
            stored += file.readAll();
    }
    const QByteArray log = s_server->log().toUtf8();
    for (const QByteArray &secret : std::as_const(secrets)) {
        ASSERT_FALSE(secret.isEmpty());
        EXPECT_FALSE(stored.contains(secret)) << "database: " << secret.constData();
        EXPECT_FALSE(log.contains(secret)) << "log: " << secret.constData();
        EXPECT_FALSE(s_answers.contains(secret)) << "answers: " << secret.constData();
    }
}
