// The API listener with its own TLS ([http] certificate and key), as scripts reach it:
// python3-requests verifying the server's certificate.
#include "ServerFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace Cairn::Test;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");

// What a script does: reads the user's secret key with its password, signs in with the key, then
// uses the AuthToken it got, all over https with the server's certificate as the one trusted.
// Prints what it saw as JSON.
const char *const ClientScript = R"(
import json, sys, requests
url, ca = sys.argv[1], sys.argv[2]
alive = requests.get(url + "/rest/is_alive", verify=ca, timeout=10)
me = requests.get(url + "/api/users/0/?with_secret_key=true", verify=ca, timeout=10,
                  auth=("alice", "alice-password")).json()
signin = requests.post(url + "/api/authenticate/", verify=ca, timeout=10,
                       json={"email": me["email"], "secret_key": me["secret_key"]})
users = requests.get(url + "/api/users/0/", verify=ca, timeout=10,
                     headers={"Authorization": "AuthToken alice@example.com:" +
                              signin.json()["auth_token"]})
untrusted = "verified"
try:
    requests.get(url + "/rest/is_alive", timeout=10)
except requests.exceptions.SSLError:
    untrusted = "refused"
print(json.dumps({"alive": alive.status_code, "signin": signin.status_code,
                  "user": users.json()["email"], "untrusted": untrusted}))
)";

} // namespace

class TlsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), keyPath(), QStringLiteral("-out"),
                       certificatePath(), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
        ASSERT_TRUE(openssl.waitForFinished(30000));
        ASSERT_EQ(openssl.exitCode(), 0) << openssl.readAllStandardError().constData();
        const QString config = writeConfig("[http]\ncertificate=" + certificatePath().toUtf8() +
                                           "\nkey=" + keyPath().toUtf8() + "\n");
        startServer({QStringLiteral("--config"), config});
    }

    static QString certificatePath() { return s_dir->filePath(QStringLiteral("cert.pem")); }
    static QString keyPath() { return s_dir->filePath(QStringLiteral("key.pem")); }
};

TEST_F(TlsApiTest, ScriptsSignInAndCallTheApiOverVerifiedTls)
{
    QProcess python;
    python.start(Python,
                 {QStringLiteral("-c"), QString::fromUtf8(ClientScript),
                  QStringLiteral("https://127.0.0.1:%1").arg(s_server->port()), certificatePath()});
    ASSERT_TRUE(python.waitForFinished(60000));
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().constData();
    const QJsonObject seen = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    EXPECT_EQ(seen[QStringLiteral("alive")].toInt(), 200);
    EXPECT_EQ(seen[QStringLiteral("signin")].toInt(), 200);
    EXPECT_EQ(seen[QStringLiteral("user")].toString(), QStringLiteral("alice@example.com"));
    EXPECT_EQ(seen[QStringLiteral("untrusted")].toString(), QStringLiteral("refused"));
}

TEST_F(TlsApiTest, PlainHttpGetsNoAnswer)
{
    const QByteArray raw = client().sendRaw("GET /rest/is_alive HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
    EXPECT_FALSE(raw.startsWith("HTTP/1.1 200")) << raw.left(100).constData();
}

TEST_F(TlsApiTest, AnUnreadableKeyStopsTheStartWithoutQuotingTheFile)
{
    QFile bogus(s_dir->filePath(QStringLiteral("bogus.pem")));
    ASSERT_TRUE(bogus.open(QIODevice::WriteOnly));
    bogus.write("server-key-text-that-must-not-leak\n");
    bogus.close();
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), TestBackend::freshDatabaseUrl());
    const QString config = writeConfig("[http]\ncertificate=" + certificatePath().toUtf8() +
                                       "\nkey=" + bogus.fileName().toUtf8() + "\n");
    EXPECT_FALSE(other.start({QStringLiteral("--config"), config}, 10000));
    EXPECT_EQ(other.stop(), 2);
    const QString log = other.log();
    EXPECT_TRUE(log.contains(QStringLiteral("[http] key"))) << qPrintable(log);
    EXPECT_FALSE(log.contains(QStringLiteral("must-not-leak"))) << qPrintable(log);
}
