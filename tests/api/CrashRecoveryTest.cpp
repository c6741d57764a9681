#include "ServerFixture.h"

#include <QJsonObject>
#include <QProcess>
#include <QThread>

using namespace Cairn::Test;

class CrashRecoveryTest : public ServerFixture
{
};

TEST_F(CrashRecoveryTest, KilledMidJobRestartsWithTheJobInterruptedAndNothingLost)
{
    s_dir = std::make_unique<QTemporaryDir>();
    const QString databaseUrl = TestBackend::freshDatabaseUrl();
    QProcess helper;
    helper.start(QStringLiteral(CAIRN_JOB_HELPER), {s_dir->path(), databaseUrl});
    ASSERT_TRUE(helper.waitForReadyRead(30000)) << helper.readAllStandardError().constData();
    const QByteArray ready = helper.readLine().trimmed();
    ASSERT_TRUE(ready.startsWith("READY ")) << ready.constData();
    const QByteArray jobId = ready.mid(6);
    helper.kill(); // SIGKILL: no chance to clean up
    ASSERT_TRUE(helper.waitForFinished(10000));

    s_server = std::make_unique<ServerProcess>(s_dir->path(), databaseUrl);
    ASSERT_TRUE(s_server->start()) << qPrintable(s_server->log());
    const CliResult token =
        s_server->cli({QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("keeper")});
    ASSERT_EQ(token.exitCode, 0) << "the user saved before the kill is gone: "
                                 << token.err.constData();
    const HttpReply job = client().get("/api/jobs/" + jobId + "/",
                                       HttpClient::token(token.out.trimmed().split('\n').last()));
    ASSERT_EQ(job.status, 200);
    EXPECT_EQ(job.json()[QStringLiteral("state")].toString(), QStringLiteral("interrupted"));
    EXPECT_EQ(job.json()[QStringLiteral("progress")].toInt(), 40);
    EXPECT_EQ(job.json()[QStringLiteral("params")][QStringLiteral("step")].toInt(), 1);
    EXPECT_FALSE(job.json()[QStringLiteral("error")].toString().isEmpty());
    EXPECT_TRUE(s_server->log().contains(QLatin1String("marked interrupted")));
    stopServer();
}

TEST(CommandLine, ExitCodesFollowTheContract)
{
    QTemporaryDir dir;
    ServerProcess cairn(dir.path(), TestBackend::freshDatabaseUrl());
    EXPECT_EQ(cairn.cli({QStringLiteral("--version")}).exitCode, 0);
    EXPECT_EQ(cairn.cli({QStringLiteral("frobnicate")}).exitCode, 2);
    EXPECT_EQ(
        cairn.cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob")}).exitCode,
        2)
        << "a password must come on standard input";
    EXPECT_EQ(cairn
                  .cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                        QStringLiteral("--password-stdin")},
                       "short\n")
                  .exitCode,
              1);
    EXPECT_EQ(cairn
                  .cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                        QStringLiteral("--password-stdin")},
                       "long enough\n")
                  .exitCode,
              0);
    EXPECT_EQ(cairn
                  .cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                        QStringLiteral("--password-stdin")},
                       "long enough\n")
                  .exitCode,
              1);
    EXPECT_EQ(cairn
                  .cli({QStringLiteral("user"), QStringLiteral("passwd"), QStringLiteral("bob"),
                        QStringLiteral("--password-stdin")},
                       "even longer\n")
                  .exitCode,
              0);
    const CliResult list = cairn.cli({QStringLiteral("user"), QStringLiteral("list")});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(list.out.contains("bob"));
    EXPECT_EQ(cairn.cli({QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("nobody")})
                  .exitCode,
              1);
    // Without a database of the harness's own, so only the arguments below are in play.
    const ServerProcess bare(dir.path(), QString());
    EXPECT_EQ(
        bare.cli({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("nonsense")})
            .exitCode,
        2);
    EXPECT_EQ(bare.cli({QStringLiteral("serve"), QStringLiteral("--database"),
                        QStringLiteral("postgresql://u:pw@h/db")})
                  .exitCode,
              2);
}

TEST(FirstRun, AServerWithoutAnAdministratorSaysHowToMakeOne)
{
    QTemporaryDir dir;
    ServerProcess fresh(dir.path(), TestBackend::freshDatabaseUrl());
    ASSERT_TRUE(fresh.start()) << qPrintable(fresh.log());
    QThread::msleep(200);
    EXPECT_TRUE(fresh.log().contains(QStringLiteral("no administrator yet")))
        << qPrintable(fresh.log());
    EXPECT_TRUE(fresh.log().contains(QStringLiteral("cairn user add admin --password-stdin")));
    EXPECT_EQ(fresh.stop(), 0);
    // Once there is one, the server says nothing of it.
    EXPECT_FALSE(
        fresh.addUserWithToken(QStringLiteral("admin"), QStringLiteral("admin-password"), true)
            .isEmpty());
    ASSERT_TRUE(fresh.start()) << qPrintable(fresh.log());
    QThread::msleep(200);
    EXPECT_FALSE(fresh.log().contains(QStringLiteral("no administrator yet")));
    EXPECT_EQ(fresh.stop(), 0);
}

// --demo gives a new user something to look at on every face, once.
TEST(FirstRun, TheDemonstrationNetworkIsLoadedOnceAndShowsOnEveryFace)
{
    QTemporaryDir dir;
    ServerProcess demo(dir.path(), TestBackend::freshDatabaseUrl());
    const QByteArray token =
        demo.addUserWithToken(QStringLiteral("admin"), QStringLiteral("admin-password"), true);
    ASSERT_FALSE(token.isEmpty());
    const auto counts = [&] {
        HttpClient client(demo.port());
        const Headers auth = HttpClient::token(token);
        QList<int> found;
        for (const QByteArray path :
             {"/api/sites/?limit=1", "/api/devices/?limit=1", "/api/networks/?limit=1",
              "/api/interfaces/?limit=1", "/api/circuits/?limit=1",
              "/api/plugins/toolkit/commands/?limit=1"}) {
            const HttpReply reply = client.get(path, auth);
            EXPECT_EQ(reply.status, 200) << path.constData() << reply.body.constData();
            found << reply.json()[QStringLiteral("count")].toInt();
        }
        return found;
    };
    ASSERT_TRUE(demo.start({QStringLiteral("--demo")})) << qPrintable(demo.log());
    // Sites with Default; networks with the 24 addresses assigned to interfaces.
    const QList<int> loaded = counts();
    EXPECT_EQ(loaded, (QList<int>{3, 12, 32, 34, 10, 4})) << qPrintable(demo.log());
    HttpClient client(demo.port());
    const HttpReply cores =
        client.get("/api/devices/query/?query=role=core", HttpClient::token(token));
    EXPECT_EQ(cores.json().toArray().size(), 3);
    EXPECT_FALSE(client.get("/rest/machines/", HttpClient::token(token))
                     .json()[QStringLiteral("machines")]
                     .toArray()
                     .isEmpty());
    const HttpReply neighbordb = client.get("/api/ztp/neighbordb/", HttpClient::token(token));
    EXPECT_EQ(neighbordb.status, 200);
    EXPECT_TRUE(neighbordb.body.contains("lax access switches")) << neighbordb.body.constData();
    EXPECT_EQ(demo.stop(), 0);

    ASSERT_TRUE(demo.start({QStringLiteral("--demo")})) << qPrintable(demo.log());
    EXPECT_EQ(counts(), loaded) << "a second start adds nothing";
    EXPECT_TRUE(demo.log().contains(QStringLiteral("there already")));
    EXPECT_EQ(demo.stop(), 0);
}
