#include "ServerProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <csignal>

namespace Cairn::Test {

ServerProcess::ServerProcess(QString dataDir, QString databaseUrl)
    : m_dataDir(std::move(dataDir))
    , m_databaseUrl(std::move(databaseUrl))
{
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        stop();
}

QString ServerProcess::executable()
{
    return QStringLiteral(CAIRN_EXECUTABLE);
}

QStringList ServerProcess::commonArguments() const
{
    QStringList arguments{QStringLiteral("--data-dir"), m_dataDir};
    if (!m_databaseUrl.isEmpty())
        arguments << QStringLiteral("--database") << m_databaseUrl;
    return arguments;
}

bool ServerProcess::start(const QStringList &extraArguments, int timeoutMs)
{
    m_port = 0;
    // Its output goes to a file, not a pipe: a pipe nobody reads while a test waits on something
    // else (a python3 script) fills up, and the server then blocks writing its access log.
    if (!m_logFile.isOpen() && !m_logFile.open())
        return false;
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_logFile.fileName(), QIODevice::Truncate);
    m_process.setProgram(executable());
    m_process.setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                       QStringLiteral("127.0.0.1:0"), QStringLiteral("--threads"),
                                       QStringLiteral("2")} +
                           commonArguments() + extraArguments);
    m_process.start();
    if (!m_process.waitForStarted(timeoutMs))
        return false;
    static const QRegularExpression listening(
        QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && m_process.state() == QProcess::Running) {
        m_process.waitForFinished(50);
        const QRegularExpressionMatch match = listening.match(log());
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
    }
    return false;
}

int ServerProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(timeoutMs)) {
        kill();
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

QString ServerProcess::log()
{
    QFile file(m_logFile.fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

namespace {

qint64 statusKiB(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

qint64 ServerProcess::residentKiB() const
{
    return statusKiB(m_process.processId(), "VmRSS:");
}

qint64 ServerProcess::peakResidentKiB() const
{
    return statusKiB(m_process.processId(), "VmHWM:");
}

bool ServerProcess::resetPeakResident() const
{
    // "5" resets the peak resident set size (proc(5), clear_refs).
    QFile clear(QStringLiteral("/proc/%1/clear_refs").arg(m_process.processId()));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

CliResult ServerProcess::cli(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    process.start(executable(), arguments + commonArguments());
    process.waitForStarted();
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

CliResult ServerProcess::cliOnTerminal(const QStringList &arguments) const
{
    QStringList quoted;
    for (const QString &argument : QStringList{executable()} + arguments + commonArguments())
        quoted << QLatin1Char('\'') + QString(argument).replace(u'\'', QStringLiteral("'\\''")) +
                      QLatin1Char('\'');
    // script(1) (util-linux) runs the command on a pseudo-terminal of its own.
    QProcess process;
    process.start(QStringLiteral("script"), {QStringLiteral("-qec"), quoted.join(QLatin1Char(' ')),
                                             QStringLiteral("/dev/null")});
    process.waitForStarted();
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(),
            {}};
}

QByteArray ServerProcess::addUserWithToken(const QString &name, const QString &password,
                                           bool superuser, const QString &email,
                                           bool readOnly) const
{
    QStringList add{QStringLiteral("user"), QStringLiteral("add"), name,
                    QStringLiteral("--password-stdin")};
    if (superuser)
        add << QStringLiteral("--superuser");
    if (!email.isEmpty())
        add << QStringLiteral("--email") << email;
    if (cli(add, password.toUtf8() + '\n').exitCode != 0)
        return {};
    QStringList token{QStringLiteral("user"), QStringLiteral("token"), name};
    if (readOnly)
        token << QStringLiteral("--read-only");
    const CliResult issued = cli(token);
    if (issued.exitCode != 0)
        return {};
    return issued.out.trimmed().split('\n').last();
}

} // namespace Cairn::Test
