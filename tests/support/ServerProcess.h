#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryFile>

namespace Cairn::Test {

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The real `cairn` executable, as an operator runs it: `serve` in the background on a free
// loopback port, and one-shot subcommands such as `user add`.
class ServerProcess
{
public:
    ServerProcess(QString dataDir, QString databaseUrl);
    ~ServerProcess();

    // Starts `cairn serve --listen 127.0.0.1:0` and waits for its "listening on" line.
    bool start(const QStringList &extraArguments = {}, int timeoutMs = 20000);
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    const QString &databaseUrl() const { return m_databaseUrl; }
    // SIGTERM, and the exit code once it stopped (-1 if it had to be killed).
    int stop(int timeoutMs = 15000);
    void kill();
    // Everything the server has logged so far.
    QString log();
    // Resident memory of the server in KiB, from /proc: now, and its peak since the start or
    // since resetPeakResident().
    qint64 residentKiB() const;
    qint64 peakResidentKiB() const;
    bool resetPeakResident() const;

    CliResult cli(const QStringList &arguments, const QByteArray &input = {}) const;
    // The subcommand on a terminal, as a person runs it: everything it wrote, stdout and
    // stderr together, in `out`.
    CliResult cliOnTerminal(const QStringList &arguments) const;
    // `cairn user add` then `cairn user token`; returns the token (empty on failure).
    QByteArray addUserWithToken(const QString &name, const QString &password, bool superuser,
                                const QString &email = {}, bool readOnly = false) const;

    static QString executable();

private:
    QStringList commonArguments() const;

    QString m_dataDir;
    QString m_databaseUrl;
    QProcess m_process;
    // What the server wrote (stdout and stderr), since its last start.
    QTemporaryFile m_logFile;
    quint16 m_port = 0;
};

} // namespace Cairn::Test
