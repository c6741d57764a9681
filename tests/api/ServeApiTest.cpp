// `cairn serve` as an operator starts it, beside a server already running.
#include "ServerFixture.h"
#include "TestBackend.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

using namespace Cairn::Test;

namespace {

// `text` as dir/cairn.ini, whose path it returns.
QString writeIni(const QTemporaryDir &dir, const QByteArray &text)
{
    QString path = dir.filePath(QStringLiteral("cairn.ini"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly)) << qPrintable(path);
    file.write(text);
    return path;
}

} // namespace

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

    // Each subcommand's help ends with examples of itself, and lists only options it takes.
    for (const char *command : {"serve", "user", "group", "known-hosts", "routes"}) {
        const CliResult shown =
            runCairn({QStringLiteral("help"), QString::fromLatin1(command)}, headless);
        EXPECT_EQ(shown.exitCode, 0) << command;
        const QByteArray examples = shown.out.mid(shown.out.lastIndexOf("\nExamples:\n"));
        EXPECT_TRUE(examples.contains(QByteArray(QByteArray("  cairn ") + command)))
            << shown.out.constData();
        EXPECT_EQ(shown.out.contains("--ztp-server-url"), QByteArray(command) == "serve")
            << command;
    }
}

// A typo in the config file stops the start, saying where and what was meant, instead of
// running on a default the operator thinks they changed.
TEST(CommandLine, AConfigFileWithAnUnknownKeyOrNoFileStopsTheStart)
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("cairn.ini"));
    const auto write = [&](const QByteArray &text) {
        writeIni(dir, text);
    };
    const QStringList serve{QStringLiteral("serve"), QStringLiteral("--data-dir"),
                            dir.filePath(QStringLiteral("data")), QStringLiteral("--config"),
                            config};
    write("[server]\nlisten=127.0.0.1:1\n; a comment\nthread=4\n");
    CliResult started = runCairn(serve, environment);
    EXPECT_EQ(started.exitCode, 2);
    EXPECT_TRUE(started.err.contains(
        QByteArray(config.toUtf8() + ":4: unknown key \"thread\" in [server]; did you mean "
                                     "\"threads\"?")))
        << started.err.constData();
    write("[toolkit]\ndevice_command_limt=3\n");
    started = runCairn(serve, environment);
    EXPECT_EQ(started.exitCode, 2);
    EXPECT_TRUE(started.err.contains("did you mean \"device_command_limit\"?"))
        << started.err.constData();
    write("[toolkits]\n");
    EXPECT_TRUE(runCairn(serve, environment)
                    .err.contains("unknown section [toolkits]; did you mean "
                                  "\"toolkit\"?"));
    QFile::remove(config);
    started = runCairn(serve, environment);
    EXPECT_EQ(started.exitCode, 2);
    EXPECT_TRUE(started.err.contains(QByteArray(config.toUtf8() + " does not exist")))
        << started.err.constData();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("data"))))
        << "nothing was started or created";
}

// --print-config shows every setting in effect and where it came from; its keys are the ones
// docs/configuration.md documents.
TEST(CommandLine, PrintConfigShowsEverySettingAndItsSource)
{
    QTemporaryDir dir;
    const QString config =
        writeIni(dir, "[toolkit]\nbulk_concurrency=4\nrate_limit_bypass_users=ops, netadmin\n");
    // A variable wins over the file, an option over a variable.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CAIRN_SERVER_THREADS"), QStringLiteral("5"));
    environment.insert(QStringLiteral("CAIRN_TOOLKIT_BULK_CONCURRENCY"), QStringLiteral("8"));
    environment.insert(QStringLiteral("CAIRN_TOOLKIT_RATE_LIMIT_BYPASS_GROUPS"),
                       QStringLiteral("noc, ops"));
    const CliResult printed = runCairn({QStringLiteral("serve"), QStringLiteral("--config"), config,
                                        QStringLiteral("--threads"), QStringLiteral("3"),
                                        QStringLiteral("--print-config")},
                                       environment);
    ASSERT_EQ(printed.exitCode, 0) << printed.err.constData();
    QHash<QByteArray, QByteArray> lines;
    QStringList printedKeys;
    for (const QByteArray &line : printed.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QByteArray key = line.left(line.indexOf(" = "));
        lines.insert(key, line);
        printedKeys << QString::fromUtf8(key);
    }
    EXPECT_TRUE(lines.value("[server] threads").endsWith("(--threads)")) << printed.out.constData();
    EXPECT_TRUE(lines.value("[server] threads").contains("= 3 "));
    EXPECT_TRUE(lines.value("[toolkit] bulk_concurrency").contains("= 8 "));
    EXPECT_TRUE(
        lines.value("[toolkit] bulk_concurrency").endsWith("($CAIRN_TOOLKIT_BULK_CONCURRENCY)"))
        << printed.out.constData();
    EXPECT_TRUE(lines.value("[toolkit] rate_limit_bypass_groups").contains("= noc, ops "));
    EXPECT_TRUE(lines.value("[toolkit] rate_limit_bypass_users").contains("= ops, netadmin "));
    EXPECT_TRUE(lines.value("[toolkit] rate_limit_bypass_users")
                    .endsWith(QByteArray(config.toUtf8() + ":3)")));
    EXPECT_TRUE(lines.value("[toolkit] device_command_limit").endsWith("(default)"));

    // docs/configuration.md names every key, and no other.
    QFile reference(QStringLiteral(CAIRN_SOURCE_DIR "/docs/configuration.md"));
    ASSERT_TRUE(reference.open(QIODevice::ReadOnly));
    const QByteArray text = reference.readAll();
    const qsizetype from = text.indexOf("## The file, every key");
    const qsizetype to = text.indexOf("\nFor internet-facing use", from);
    ASSERT_GT(from, 0);
    QStringList documented;
    QString section;
    for (const QByteArray &raw : text.mid(from, to - from).split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1Char('[')))
            section = line.mid(1, line.indexOf(QLatin1Char(']')) - 1);
        else if (raw.startsWith("    ") && line.contains(QLatin1Char('=')) &&
                 !line.startsWith(QLatin1Char(';')))
            documented << QStringLiteral("[%1] %2").arg(section,
                                                        line.left(line.indexOf(QLatin1Char('='))));
    }
    documented.sort();
    printedKeys.sort();
    EXPECT_EQ(documented, printedKeys);
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

// [server] log_format=json: every line the server writes is one JSON object, requests included,
// for a log collector to read without patterns.
TEST(CommandLine, JsonLogsAreOneObjectPerLine)
{
    QTemporaryDir dir;
    const QString config = writeIni(dir, "[server]\nlog_format = json\n");
    ServerProcess server(dir.path(), TestBackend::freshDatabaseUrl());
    ASSERT_TRUE(server.start({QStringLiteral("--config"), config})) << qPrintable(server.log());
    EXPECT_EQ(HttpClient(server.port()).get("/rest/is_alive?who=%22quoted%22").status, 200);
    for (int i = 0; i < 100 && !server.log().contains(QLatin1String("cairn.http.access")); ++i)
        QThread::msleep(50);
    EXPECT_EQ(server.stop(), 0);
    bool listening = false;
    bool request = false;
    for (const QString &line : server.log().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QJsonParseError error{};
        const QJsonObject entry = QJsonDocument::fromJson(line.toUtf8(), &error).object();
        ASSERT_EQ(error.error, QJsonParseError::NoError) << qPrintable(line);
        EXPECT_TRUE(entry.value(QLatin1String("time")).toString().endsWith(QLatin1Char('Z')))
            << qPrintable(line);
        EXPECT_FALSE(entry.value(QLatin1String("level")).toString().isEmpty());
        const QString category = entry.value(QLatin1String("category")).toString();
        listening = listening || entry.value(QLatin1String("message"))
                                     .toString()
                                     .startsWith(QLatin1String("listening on 127.0.0.1:"));
        if (category == u"cairn.http.access") {
            request = true;
            EXPECT_TRUE(entry.value(QLatin1String("path"))
                            .toString()
                            .startsWith(QLatin1String("/rest/is_alive")));
            EXPECT_EQ(entry.value(QLatin1String("status")).toInt(), 200);
            EXPECT_EQ(entry.value(QLatin1String("method")).toString(), QStringLiteral("GET"));
        }
    }
    EXPECT_TRUE(listening) << qPrintable(server.log());
    EXPECT_TRUE(request) << qPrintable(server.log());
}
