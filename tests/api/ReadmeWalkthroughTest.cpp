// The README's "Using it" walk-through, run line by line as a new user would paste it: a fresh
// data directory, `cairn` on the PATH, curl and jq, and an emulated Cisco IOS switch for the
// three lines the README leaves to the reader.
#include "DocumentSection.h"
#include "FreePort.h"
#include "ServerProcess.h"
#include "SshDevice.h"
#include "TestBackend.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn::Test;

namespace {

// The shell lines of the walk-through, without the ``` fence and the lines marked "yours".
QByteArray walkthroughLines()
{
    const std::optional<QByteArray> section =
        documentSection(QStringLiteral(CAIRN_SOURCE_DIR "/README.md"), "walkthrough");
    if (!section)
        return {};
    QByteArray lines;
    for (const QByteArray &line : section->split('\n')) {
        if (line.startsWith("```") || line.contains("# yours:"))
            continue;
        lines += line + '\n';
    }
    return lines;
}

} // namespace

TEST(ReadmeWalkthroughTest, EveryLineWorksOnAFreshDataDirectory)
{
    if (TestBackend::isPostgres())
        GTEST_SKIP() << "the walk-through uses the default SQLite database; run once";
    const QString unavailable = SshDevice::unavailableReason();
    if (!unavailable.isEmpty())
        GTEST_SKIP() << unavailable.toStdString();
    const QByteArray lines = walkthroughLines();
    ASSERT_FALSE(lines.isEmpty()) << "README.md has no walkthrough section";
    SshDevice router(QStringLiteral("cisco_ios"), QStringLiteral("sw1"));
    QString error;
    ASSERT_TRUE(router.start(&error)) << error.toStdString();

    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("PATH"),
                       QFileInfo(ServerProcess::executable()).absolutePath() + QLatin1Char(':') +
                           environment.value(QStringLiteral("PATH")));
    environment.insert(QStringLiteral("PORT"), QString::number(freePort()));
    environment.insert(QStringLiteral("SWITCH"), QStringLiteral("127.0.0.1"));
    environment.insert(QStringLiteral("SWITCH_PORT"), QString::number(router.port()));
    environment.insert(QStringLiteral("SWITCH_USER"), QString::fromLatin1(SshDevice::User));
    environment.insert(QStringLiteral("SWITCH_PASSWORD"), SshDevice::password());
    environment.remove(QStringLiteral("CAIRN_SERVER_KEY"));

    QProcess shell;
    shell.setProcessEnvironment(environment);
    shell.setWorkingDirectory(home.path());
    // Every line must succeed; a server left behind by a failing line is stopped.
    shell.start(QStringLiteral("bash"),
                {QStringLiteral("-euo"), QStringLiteral("pipefail"), QStringLiteral("-c"),
                 QStringLiteral("trap 'kill $(jobs -p) 2>/dev/null || true' EXIT TERM\n") +
                     QString::fromUtf8(lines)});
    if (!shell.waitForFinished(120000)) {
        shell.terminate(); // its trap stops the server it started
        shell.waitForFinished(10000);
        FAIL() << "the walk-through did not finish in 2 minutes";
    }
    const QByteArray out = shell.readAllStandardOutput();
    const QByteArray err = shell.readAllStandardError();
    ASSERT_EQ(shell.exitCode(), 0) << "stdout:\n"
                                   << out.constData() << "\nstderr:\n"
                                   << err.constData();
    // The command ran on the switch, and the log says it succeeded.
    EXPECT_TRUE(out.contains("Cisco IOS Software")) << out.constData();
    EXPECT_TRUE(out.trimmed().split('\n').contains("true")) << out.constData();
    EXPECT_TRUE(out.contains("command line")) << "the token the walk-through made is listed";
}
