#include "ServerFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

using namespace Cairn::Test;

// The toolkit's credential sets: an operator's device logins, sealed, chosen by a token.
class ToolkitCredentialsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    static HttpReply alice(const QByteArray &method, const QByteArray &path,
                           const QByteArray &body = {})
    {
        return client().request(method, path, body, HttpClient::token(s_aliceToken));
    }

    static constexpr const char *Base = "/api/plugins/toolkit/credential-sets/";
};

TEST_F(ToolkitCredentialsApiTest, TheTokenIsShownOnceAndSecretsNever)
{
    const HttpReply created = alice("POST", Base, R"({"name": "lab", "username": "netops",
        "password": "s3cret-pw", "enable_password": "en-pw", "platforms": ["ios", "eos"]})");
    ASSERT_EQ(created.status, 201) << created.body.constData();
    const QJsonObject set = created.json().toObject();
    const QString token = set[QStringLiteral("credential_token")].toString();
    EXPECT_EQ(token.size(), 40);
    EXPECT_EQ(set[QStringLiteral("platforms")].toArray(),
              (QJsonArray{QStringLiteral("cisco_ios"), QStringLiteral("arista_eos")}))
        << "aliases are stored by their platform's name";
    EXPECT_TRUE(set[QStringLiteral("has_password")].toBool());
    EXPECT_TRUE(set[QStringLiteral("has_enable_password")].toBool());
    EXPECT_FALSE(set[QStringLiteral("has_private_key")].toBool());
    EXPECT_FALSE(created.body.contains("s3cret-pw"));

    const QByteArray detailPath =
        Base + QByteArray::number(set[QStringLiteral("id")].toInt()) + "/";
    for (const HttpReply &reply : {alice("GET", Base), alice("GET", detailPath)}) {
        EXPECT_EQ(reply.status, 200);
        EXPECT_FALSE(reply.body.contains("s3cret-pw"));
        EXPECT_FALSE(reply.body.contains("en-pw"));
        EXPECT_FALSE(reply.body.contains(token.toUtf8())) << "the token is shown only once";
    }
    const QJsonObject page = alice("GET", Base).json().toObject();
    EXPECT_EQ(page[QStringLiteral("count")].toInt(), 1) << "NetBox lists are always paged";
    EXPECT_EQ(page[QStringLiteral("results")][0][QStringLiteral("name")].toString(),
              QStringLiteral("lab"));
    EXPECT_EQ(alice("DELETE", detailPath).status, 204);
    EXPECT_EQ(alice("GET", detailPath).status, 404);
}

TEST_F(ToolkitCredentialsApiTest, SecretsAreSealedAtRest)
{
    ASSERT_EQ(alice("POST", Base,
                    R"({"name": "sealed", "username": "u", "password": "plain-text-canary"})")
                  .status,
              201);
    // Whatever the database, the password must not be in it as written.
    const HttpReply again = alice("GET", Base);
    EXPECT_FALSE(again.body.contains("plain-text-canary"));
    if (!TestBackend::isPostgres()) {
        // The database file and its write-ahead log, where the newest rows are.
        for (const char *suffix : {"", "-wal"}) {
            QFile file(s_dir->filePath(QStringLiteral("cairn.sqlite") + QLatin1String(suffix)));
            ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << suffix;
            EXPECT_FALSE(file.readAll().contains("plain-text-canary")) << suffix;
        }
    }
}

TEST_F(ToolkitCredentialsApiTest, BadInputNamesTheFieldAndSavesNothing)
{
    const auto errorsOf = [](const HttpReply &reply) {
        return reply.json().toObject();
    };
    const HttpReply noSecret = alice("POST", Base, R"({"name": "x", "username": "u"})");
    EXPECT_EQ(noSecret.status, 400);
    EXPECT_TRUE(errorsOf(noSecret)[QStringLiteral("password")].isArray())
        << noSecret.body.constData();
    const HttpReply badPlatform = alice(
        "POST", Base, R"({"name": "x", "username": "u", "password": "p", "platforms": ["vms"]})");
    EXPECT_EQ(badPlatform.status, 400);
    EXPECT_TRUE(errorsOf(badPlatform).contains(QStringLiteral("platforms")));
    const HttpReply badKey = alice(
        "POST", Base, R"({"name": "x", "username": "u", "private_key": "-----BEGIN nonsense"})");
    EXPECT_EQ(badKey.status, 400);
    EXPECT_TRUE(errorsOf(badKey).contains(QStringLiteral("private_key")));
    const HttpReply noName = alice("POST", Base, R"({"username": "u", "password": "p"})");
    EXPECT_EQ(noName.status, 400);
    EXPECT_TRUE(errorsOf(noName).contains(QStringLiteral("name")));

    ASSERT_EQ(alice("POST", Base, R"({"name": "twice", "username": "u", "password": "p"})").status,
              201);
    const HttpReply duplicate =
        alice("POST", Base, R"({"name": "twice", "username": "v", "password": "q"})");
    EXPECT_EQ(duplicate.status, 400);
    EXPECT_TRUE(errorsOf(duplicate).contains(QStringLiteral("name")));

    const HttpReply readOnly =
        client().request("POST", Base, R"({"name": "ro", "username": "u", "password": "p"})",
                         HttpClient::token(s_aliceReadOnlyToken));
    EXPECT_EQ(readOnly.status, 403);
    for (const QJsonValue row : alice("GET", Base).json()[QStringLiteral("results")].toArray())
        EXPECT_NE(row[QStringLiteral("name")].toString(), QStringLiteral("x"));
}

TEST_F(ToolkitCredentialsApiTest, OperatorsSeeOnlyTheirOwnSets)
{
    const HttpReply created =
        alice("POST", Base, R"({"name": "alice-only", "username": "u", "password": "p"})");
    ASSERT_EQ(created.status, 201);
    const QByteArray path =
        Base + QByteArray::number(created.json()[QStringLiteral("id")].toInt()) + "/";
    // The superuser may see it (to revoke it); nobody else can use its token (checked where
    // commands run).
    EXPECT_EQ(admin("GET", path).status, 200);
    const HttpReply anonymous = client().get(Base);
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.json()[QStringLiteral("detail")].toString(),
              QStringLiteral("Authentication credentials were not provided."));
}
