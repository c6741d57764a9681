// `cairn serve` as an operator starts it, beside a server already running.
#include "ServerFixture.h"
#include "TestBackend.h"

#include <QElapsedTimer>
#include <QThread>

using namespace Cairn::Test;

class ServeApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }
};

// A second server on the port of a running one stops at once instead of joining it: the kernel
// would otherwise hand it half the connections, answered from another database.
TEST_F(ServeApiTest, ASecondServerOnAPortInUseStopsAndTheFirstKeepsEveryRequest)
{
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), TestBackend::freshDatabaseUrl());
    const QString taken = QStringLiteral("127.0.0.1:%1").arg(s_server->port());
    EXPECT_FALSE(other.start({QStringLiteral("--listen"), taken}, 10000));
    EXPECT_EQ(other.stop(), 1);
    EXPECT_TRUE(other.log().contains(QStringLiteral("address already in use")))
        << qPrintable(other.log());
    for (int call = 0; call < 20; ++call)
        EXPECT_EQ(admin("GET", "/api/users/0/").status, 200) << "call " << call;
}

namespace {

CliResult runCairn(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(ServerProcess::executable(), arguments);
    process.waitForFinished(20000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace

// The command line as a person uses it, without a desktop session.
TEST(CommandLine, WithoutADisplayItPointsToServeAndHelpNamesCairn)
{
    QProcessEnvironment headless = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        headless.remove(QString::fromLatin1(name));
    const CliResult gui = runCairn({}, headless);
    EXPECT_EQ(gui.exitCode, 1);
    EXPECT_TRUE(gui.err.contains("cairn serve")) << gui.err.constData();

    const CliResult help = runCairn({QStringLiteral("help"), QStringLiteral("user")}, headless);
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.startsWith("Usage: cairn ")) << help.out.constData();
    const CliResult overview = runCairn({QStringLiteral("help")}, headless);
    EXPECT_EQ(overview.exitCode, 0);
    EXPECT_TRUE(overview.out.contains("cairn serve")) << overview.out.constData();
    EXPECT_EQ(runCairn({QStringLiteral("help"), QStringLiteral("bogus")}, headless).exitCode, 2);
}

// A ZTP listener left on the default server URL (a name switches rarely resolve) is pointed out
// at the start; one given its address is not.
TEST_F(ServeApiTest, TheDefaultZtpServerUrlIsPointedOut)
{
    for (const bool given : {false, true}) {
        QTemporaryDir data;
        QTemporaryDir root;
        ServerProcess server(data.path(), TestBackend::freshDatabaseUrl());
        QStringList arguments{QStringLiteral("--ztp-listen"), QStringLiteral("127.0.0.1:0"),
                              QStringLiteral("--ztp-data-root"), root.path()};
        if (given)
            arguments << QStringLiteral("--ztp-server-url")
                      << QStringLiteral("http://192.0.2.10:8080");
        ASSERT_TRUE(server.start(arguments)) << qPrintable(server.log());
        QElapsedTimer clock;
        clock.start();
        while (!server.log().contains(QLatin1String("ztp listening on")) && clock.elapsed() < 5000)
            QThread::msleep(20);
        EXPECT_EQ(server.log().contains(QLatin1String("set --ztp-server-url")), !given)
            << qPrintable(server.log());
        server.stop();
    }
}

// An administrator sees what a user holds and takes one grant back from the command line, and
// the server follows at once.
TEST_F(ServeApiTest, TokensAreListedAndRevokedFromTheCommandLine)
{
    const auto cli = [](const QStringList &arguments) {
        return s_server->cli(arguments);
    };
    const CliResult issued =
        cli({QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("alice")});
    ASSERT_EQ(issued.exitCode, 0) << issued.err.constData();
    const QByteArray key = issued.out.trimmed().split('\n').last().trimmed();
    ASSERT_EQ(key.size(), 40) << issued.out.constData();
    const auto aliceWithIt = [&key] {
        return client().get("/api/users/", HttpClient::token(key)).status;
    };
    EXPECT_EQ(aliceWithIt(), 200);
    const CliResult listed =
        cli({QStringLiteral("user"), QStringLiteral("tokens"), QStringLiteral("alice")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.constData();
    EXPECT_FALSE(listed.out.contains(key)) << "keys are never shown again";
    QByteArray id;
    for (const QByteArray &line : listed.out.split('\n')) {
        if (line.contains(QByteArray(" " + key.left(8) + " ")))
            id = line.split(' ').first();
    }
    ASSERT_FALSE(id.isEmpty()) << listed.out.constData();
    const QStringList revoke{QStringLiteral("user"), QStringLiteral("revoke-token"),
                             QStringLiteral("alice"), QString::fromLatin1(id)};
    const CliResult revoked = cli(revoke);
    EXPECT_EQ(revoked.exitCode, 0) << revoked.err.constData();
    // The server caches a resolved key for at most 2 s.
    QThread::msleep(2100);
    EXPECT_EQ(aliceWithIt(), 401);
    EXPECT_EQ(client().get("/api/users/", HttpClient::token(s_aliceToken)).status, 200)
        << "her other tokens still work";
    const CliResult again = cli(revoke);
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(again.err.contains(QByteArray("alice has no token " + id)))
        << again.err.constData();
    EXPECT_EQ(cli({QStringLiteral("user"), QStringLiteral("revoke-token"), QStringLiteral("alice"),
                   QStringLiteral("the-newest")})
                  .exitCode,
              2);
}

TEST_F(ServeApiTest, GrantsAreListedAndRevokedFromTheCommandLine)
{
    const auto cli = [](const QStringList &arguments) {
        return s_server->cli(arguments);
    };
    const auto aliceGroups = [] {
        return client().get("/api/groups/", HttpClient::token(s_aliceToken)).status;
    };
    EXPECT_EQ(aliceGroups(), 403);
    ASSERT_EQ(cli({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("alice"),
                   QStringLiteral("view"), QStringLiteral("group")})
                  .exitCode,
              0);
    EXPECT_EQ(aliceGroups(), 200);
    const CliResult listed =
        cli({QStringLiteral("user"), QStringLiteral("grants"), QStringLiteral("alice")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.constData();
    QByteArray id;
    for (const QByteArray &line : listed.out.split('\n')) {
        if (line.contains(" view ") && line.contains(" group "))
            id = line.split(' ').first();
    }
    ASSERT_FALSE(id.isEmpty()) << listed.out.constData();
    const QStringList revoke{QStringLiteral("user"), QStringLiteral("revoke"),
                             QStringLiteral("alice"), QString::fromLatin1(id)};
    EXPECT_EQ(cli(revoke).exitCode, 0);
    EXPECT_EQ(aliceGroups(), 403);
    const CliResult again = cli(revoke);
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(again.err.contains("holds no grant")) << again.err.constData();
    EXPECT_EQ(cli({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("alice"),
                   QStringLiteral("view"), QStringLiteral("planet")})
                  .exitCode,
              2);
}
