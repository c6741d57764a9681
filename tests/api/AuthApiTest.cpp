#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <algorithm>
#include <vector>

using namespace Cairn::Test;

class AuthApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    // alice's NSoT secret key, as pynsot users copy it from their profile.
    static QByteArray aliceSecret()
    {
        const HttpReply me =
            client().get("/api/users/0/?with_secret_key=true", HttpClient::token(s_aliceToken));
        return me.json()[QStringLiteral("secret_key")].toString().toLatin1();
    }

    static QByteArray authTokenFor(const QByteArray &secret)
    {
        const HttpReply reply = client().request(
            "POST", "/api/authenticate/",
            R"({"email": "alice@example.com", "secret_key": ")" + secret + R"("})");
        return reply.json()[QStringLiteral("auth_token")].toString().toLatin1();
    }
};

TEST_F(AuthApiTest, IsAliveNeedsNoCredentials)
{
    const HttpReply reply = client().get("/rest/is_alive");
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.json()[QStringLiteral("name")].isString());
    EXPECT_EQ(reply.json()[QStringLiteral("cluster_id")].toInt(), 1);
}

TEST_F(AuthApiTest, ClusterStatusNamesTheNodesToThoseSignedIn)
{
    EXPECT_EQ(client().request("POST", "/rest/get_cluster_status").status, 401);
    const HttpReply reply = admin("POST", "/rest/get_cluster_status");
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    const QJsonArray nodes = QJsonDocument::fromJson(reply.body).array();
    ASSERT_EQ(nodes.size(), 1);
    EXPECT_EQ(nodes.at(0)[QLatin1String("name")],
              client().get("/rest/is_alive").json()[QStringLiteral("name")]);
    EXPECT_EQ(nodes.at(0)[QLatin1String("status")].toString(), QStringLiteral("Up"));
}

TEST_F(AuthApiTest, CallerWithoutCredentialsGets401Json)
{
    const HttpReply reply = client().get("/api/users/0/");
    EXPECT_EQ(reply.status, 401);
    EXPECT_EQ(reply.header("WWW-Authenticate"), QByteArray("AuthToken"));
    EXPECT_EQ(reply.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 401);
    EXPECT_FALSE(
        reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
}

TEST_F(AuthApiTest, TokenBasicAndAuthTokenAllIdentifyTheCaller)
{
    const HttpReply byToken = client().get("/api/users/0/", HttpClient::token(s_adminToken));
    EXPECT_EQ(byToken.status, 200);
    EXPECT_EQ(byToken.json()[QStringLiteral("username")].toString(), QStringLiteral("admin"));
    EXPECT_FALSE(byToken.json().toObject().contains(QStringLiteral("secret_key")));

    const HttpReply byBasic =
        client().get("/api/users/0/", HttpClient::basic("alice", "alice-password"));
    EXPECT_EQ(byBasic.status, 200);
    EXPECT_EQ(byBasic.json()[QStringLiteral("email")].toString(),
              QStringLiteral("alice@example.com"));

    const QByteArray authToken = authTokenFor(aliceSecret());
    ASSERT_FALSE(authToken.isEmpty());
    const Headers header{{"Authorization", "AuthToken alice@example.com:" + authToken}};
    const HttpReply byAuthToken = client().get("/api/users/0/", header);
    EXPECT_EQ(byAuthToken.status, 200);
    EXPECT_EQ(byAuthToken.json()[QStringLiteral("username")].toString(), QStringLiteral("alice"));
    const HttpReply verified = client().request("POST", "/api/verify_token/", {}, header);
    EXPECT_EQ(verified.status, 200);
    EXPECT_EQ(verified.body, QByteArray("true"));
}

TEST_F(AuthApiTest, WrongCredentialsAreRefused)
{
    EXPECT_EQ(client().get("/api/users/0/", HttpClient::basic("alice", "wrong-password")).status,
              401);
    EXPECT_EQ(
        client()
            .get("/api/users/0/", HttpClient::token("0123456789abcdef0123456789abcdef01234567"))
            .status,
        401);
    EXPECT_EQ(client().get("/api/users/0/", {{"Authorization", "Bearer abc"}}).status, 401);
    EXPECT_EQ(client().get("/api/users/0/", {{"Authorization", "AuthToken garbage"}}).status, 401);

    const HttpReply wrongSecret = client().request(
        "POST", "/api/authenticate/", R"({"email": "alice@example.com", "secret_key": "nope"})");
    EXPECT_EQ(wrongSecret.status, 401);
    const HttpReply missing = client().request("POST", "/api/authenticate/", R"({"email": ""})");
    EXPECT_EQ(missing.status, 400);
    const QJsonObject message =
        missing.json()[QStringLiteral("error")][QStringLiteral("message")].toObject();
    EXPECT_TRUE(message.contains(QStringLiteral("email")));
    EXPECT_TRUE(message.contains(QStringLiteral("secret_key")));

    const HttpReply expired = client().request(
        "POST", "/api/verify_token/", {}, {{"Authorization", "AuthToken alice@example.com:AAAA"}});
    EXPECT_EQ(expired.status, 400);
    EXPECT_EQ(expired
                  .json()[QStringLiteral("error")][QStringLiteral("message")]
                         [QStringLiteral("auth_token")]
                  .toString(),
              QStringLiteral("Invalid/expired auth_token."));
    EXPECT_EQ(
        client().request("POST", "/api/verify_token/", {}, {{"Authorization", "Basic x"}}).status,
        401);
}

TEST_F(AuthApiTest, UsersSeeOnlyThemselvesUnlessSuperuser)
{
    EXPECT_EQ(client().get("/api/users/1/", HttpClient::token(s_aliceToken)).status, 403);
    EXPECT_EQ(client().get("/api/users/2/", HttpClient::token(s_adminToken)).status, 200);
    EXPECT_EQ(client().get("/api/users/99/", HttpClient::token(s_adminToken)).status, 404);
    EXPECT_EQ(client().get("/api/users/", HttpClient::token(s_aliceToken)).json().toArray().size(),
              1);
    EXPECT_EQ(client().get("/api/users/", HttpClient::token(s_adminToken)).json().toArray().size(),
              2);
    // Nobody reads someone else's secret key, superuser or not.
    const HttpReply other =
        client().get("/api/users/2/?with_secret_key=true", HttpClient::token(s_adminToken));
    EXPECT_FALSE(other.json().toObject().contains(QStringLiteral("secret_key")));
}

TEST_F(AuthApiTest, ReadOnlyTokensOnlyRead)
{
    EXPECT_EQ(client().get("/api/users/0/", HttpClient::token(s_aliceReadOnlyToken)).status, 200);
    // The secret key buys a full-rights AuthToken, so a read-only token never sees it.
    const HttpReply secret =
        client().get("/api/users/0/?with_secret_key=true", HttpClient::token(s_aliceReadOnlyToken));
    EXPECT_EQ(secret.status, 403);
    EXPECT_FALSE(secret.body.contains(aliceSecret())) << secret.body.constData();
    EXPECT_EQ(client()
                  .request("POST", "/api/users/0/rotate_secret_key/", {},
                           HttpClient::token(s_aliceReadOnlyToken))
                  .status,
              403);
}

TEST_F(AuthApiTest, RotatingTheSecretKeyVoidsAuthTokens)
{
    const QByteArray secret = aliceSecret();
    const QByteArray authToken = authTokenFor(secret);
    const Headers header{{"Authorization", "AuthToken alice@example.com:" + authToken}};
    ASSERT_EQ(client().get("/api/users/0/", header).status, 200);
    const HttpReply rotated = client().request("POST", "/api/users/0/rotate_secret_key/", {},
                                               HttpClient::token(s_aliceToken));
    ASSERT_EQ(rotated.status, 200);
    const QByteArray newSecret = rotated.json().toString().toLatin1();
    EXPECT_NE(newSecret, secret);
    EXPECT_EQ(client().get("/api/users/0/", header).status, 401);
    EXPECT_TRUE(authTokenFor(secret).isEmpty());
    EXPECT_FALSE(authTokenFor(newSecret).isEmpty());
}

TEST_F(AuthApiTest, JobsAreListedPagedAndPrivate)
{
    const HttpReply all = client().get("/api/jobs/", HttpClient::token(s_adminToken));
    EXPECT_EQ(all.status, 200);
    EXPECT_TRUE(all.json().isArray());
    const HttpReply paged = client().get("/api/jobs/?limit=1", HttpClient::token(s_adminToken));
    EXPECT_EQ(paged.json()[QStringLiteral("count")].toInt(), 0);
    EXPECT_TRUE(paged.json()[QStringLiteral("next")].isNull());
    const HttpReply badLimit = client().get("/api/jobs/?limit=-3", HttpClient::token(s_adminToken));
    EXPECT_EQ(badLimit.status, 400);
    EXPECT_TRUE(
        badLimit.json()[QStringLiteral("error")][QStringLiteral("message")].toObject().contains(
            QStringLiteral("limit")));
    EXPECT_EQ(client().get("/api/jobs/12345/", HttpClient::token(s_adminToken)).status, 404);
}

TEST_F(AuthApiTest, EveryRequestIsLogged)
{
    ASSERT_EQ(client().get("/rest/is_alive?from=log-test").status, 200);
    ASSERT_EQ(client().get("/api/users/0/", HttpClient::token(s_aliceToken)).status, 200);
    const QString log = s_server->log();
    EXPECT_TRUE(log.contains(QLatin1String("cairn.http.access: 127.0.0.1 GET /rest/is_alive 200")))
        << qPrintable(log);
    EXPECT_TRUE(log.contains(
        QRegularExpression(QStringLiteral("GET /api/users/0/ 200 \\d+B [0-9.]+ms user=alice"))));
}

class TrustedHeaderTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer({QStringLiteral("--trusted-header"), QStringLiteral("X-NSoT-Email"),
                     QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1/32")});
    }
};

TEST_F(TrustedHeaderTest, ProxyHeaderIdentifiesAndCreatesUsers)
{
    const HttpReply known = client().get("/api/users/0/", {{"X-NSoT-Email", "alice@example.com"}});
    EXPECT_EQ(known.status, 200);
    EXPECT_EQ(known.json()[QStringLiteral("username")].toString(), QStringLiteral("alice"));
    const HttpReply created =
        client().get("/api/users/0/", {{"X-NSoT-Email", "new.person@example.com"}});
    EXPECT_EQ(created.status, 200);
    EXPECT_EQ(created.json()[QStringLiteral("email")].toString(),
              QStringLiteral("new.person@example.com"));
    EXPECT_EQ(client().get("/api/users/0/", {{"X-NSoT-Email", "not an email"}}).status, 400);
}

class UntrustedHeaderTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }
};

TEST_F(UntrustedHeaderTest, HeaderIsIgnoredUnlessConfigured)
{
    EXPECT_EQ(client().get("/api/users/0/", {{"X-NSoT-Email", "alice@example.com"}}).status, 401);
}

// A browser sends saved Basic credentials with whatever a page asks for: another site's page
// may read nothing and change nothing here.
TEST_F(AuthApiTest, RequestsFromAnotherSiteChangeNothing)
{
    const Headers admin = HttpClient::token(s_adminToken);
    const QByteArray self = "http://127.0.0.1:" + QByteArray::number(s_server->port());
    const QByteArray site = R"({"name": "csrf-site"})";
    for (const auto &[header, value] :
         {QPair<QByteArray, QByteArray>{"Origin", "http://evil.example"},
          {"Origin", "null"},
          {"Origin", "http://127.0.0.1:1"},
          {"Sec-Fetch-Site", "cross-site"},
          {"Sec-Fetch-Site", "same-site"}}) {
        const HttpReply refused = client().request("POST", "/api/sites/", site,
                                                   Headers(admin) << qMakePair(header, value));
        EXPECT_EQ(refused.status, 403) << header.constData() << ": " << value.constData();
    }
    EXPECT_FALSE(client().get("/api/sites/", admin).body.contains("csrf-site"));
    // The same page of this server, and clients that send neither header, go on.
    EXPECT_EQ(client()
                  .get("/api/sites/", Headers(admin) << qMakePair(
                                          QByteArray("Origin"), QByteArray("http://evil.example")))
                  .status,
              200);
    const HttpReply sameOrigin = client().request(
        "POST", "/api/sites/", site,
        Headers(admin) << qMakePair(QByteArray("Origin"), self)
                       << qMakePair(QByteArray("Sec-Fetch-Site"), QByteArray("same-origin")));
    EXPECT_EQ(sameOrigin.status, 201) << sameOrigin.body.constData();
}

TEST_F(AuthApiTest, HtmlPagesCarryAContentSecurityPolicy)
{
    for (const QByteArray &path : {QByteArray("/api/docs/"), QByteArray("/api/redoc/")}) {
        const HttpReply page = client().get(path);
        ASSERT_EQ(page.status, 200) << path.constData();
        EXPECT_TRUE(page.header("Content-Security-Policy").contains("script-src 'self'"))
            << path.constData();
    }
    const HttpReply browsable = client().get(
        "/api/sites/", Headers(HttpClient::token(s_adminToken))
                           << qMakePair(QByteArray("Accept"), QByteArray("text/html")));
    EXPECT_TRUE(browsable.header("Content-Type").startsWith("text/html"));
    EXPECT_FALSE(browsable.header("Content-Security-Policy").isEmpty());
}

// Public routes take no credentials, so none are checked: wrong ones cost nothing there.
TEST_F(AuthApiTest, PublicRoutesIgnoreCredentials)
{
    const HttpReply alive =
        client().get("/rest/is_alive", HttpClient::basic("nobody", "wrong password"));
    EXPECT_EQ(alive.status, 200) << alive.body.constData();
}

TEST_F(AuthApiTest, PasswordChecksNeverHoldUpOtherRequests)
{
    // Eight sign-ins with passwords nobody verified lately, each from its own address and for
    // its own (unknown) user, so none is backed off: eight Argon2id hashes of ~0.1 s each,
    // more than the listener threads. Meanwhile the health check answers at once.
    std::vector<std::unique_ptr<QTcpSocket>> signIns(8);
    for (size_t i = 0; i < signIns.size(); ++i) {
        signIns[i] = std::make_unique<QTcpSocket>();
        signIns[i]->bind(QHostAddress(QStringLiteral("127.0.0.%1").arg(30 + i)));
        signIns[i]->connectToHost(QHostAddress::LocalHost, s_server->port());
        ASSERT_TRUE(signIns[i]->waitForConnected(5000));
        signIns[i]->write(
            "GET /api/users/0/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            "Authorization: Basic " +
            QByteArray("ghost-" + QByteArray::number(qulonglong(i)) + ":guess").toBase64() +
            "\r\n\r\n");
        ASSERT_TRUE(signIns[i]->waitForBytesWritten(5000));
    }
    std::vector<qint64> aliveMs;
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer timer;
        timer.start();
        EXPECT_EQ(client().get("/rest/is_alive").status, 200);
        aliveMs.push_back(timer.elapsed());
    }
    for (const std::unique_ptr<QTcpSocket> &socket : signIns) {
        QByteArray received;
        while (socket->waitForReadyRead(10000))
            received += socket->readAll();
        EXPECT_EQ(HttpClient::parse(received).status, 401);
    }
    // Less than a hash (~0.14 s here): a health check whose connection landed on a thread busy
    // with password checks would wait for all of them.
    EXPECT_LT(*std::max_element(aliveMs.begin(), aliveMs.end()), 120)
        << "health check times (ms): " << testing::PrintToString(aliveMs);
}
