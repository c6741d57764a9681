#pragma once

#include "PlatformProfile.h"
#include "Result.h"
#include "SshConnection.h"

#include <QRegularExpression>
#include <QStringList>
#include <memory>

namespace Cairn {

class SshChannel;

// A logged-in device ready for commands, driven the way its platform expects: one interactive
// CLI (prompt found, paging off, privileged mode entered when a password is given) reused for
// every command, or an exec channel per command on hosts with a shell.
class DeviceSession
{
public:
    ~DeviceSession();

    static Result<std::unique_ptr<DeviceSession>> open(const SshEndpoint &endpoint,
                                                       const PlatformProfile &profile,
                                                       const HostKeyCheck &hostKeyCheck,
                                                       int timeoutMs);

    // The command's output without its echo and the prompt after it. Bytes that are not UTF-8
    // become U+FFFD, so any output can be stored and shown.
    Result<QString> run(const QString &command, int timeoutMs);
    // run() that also stops reading once the output matches `expect` (netmiko's expect_string:
    // a command that asks a question instead of returning to the prompt). Over an exec channel
    // the whole output is read, and must match.
    Result<QString> run(const QString &command, const QRegularExpression &expect, int timeoutMs);
    // Enters configuration mode, sends `lines`, leaves it; the transcript of all of them.
    Result<QString> configure(const QStringList &lines, int timeoutMs);
    const PlatformProfile &profile() const { return m_profile; }
    // A session that failed mid-command (timeout, broken connection) is not reused.
    bool isReusable() const;

private:
    DeviceSession(std::unique_ptr<SshConnection> connection, const PlatformProfile &profile);
    Result<void> startCli(int timeoutMs);
    Result<void> enable(int timeoutMs);
    // Sends one line and reads up to the next prompt; the raw text in between.
    Result<QString> exchange(const QString &line, int timeoutMs,
                             const QRegularExpression *expect = nullptr);
    bool endsWithPrompt(const QByteArray &output) const;

    // How much of the output's end an expected string is looked for in.
    static constexpr qsizetype ExpectWindow = 4096;

    std::unique_ptr<SshConnection> m_connection;
    std::unique_ptr<SshChannel> m_shell;
    const PlatformProfile &m_profile;
    // The prompt without its mode suffix ("R1" of "R1(config)#"): a later prompt must start
    // with it, so output that merely ends in '#' or '>' is not taken for one.
    QString m_basePrompt;
    QString m_lastPrompt;
    bool m_broken = false;
};

} // namespace Cairn
