#include "DeviceSession.h"

#include "SshChannel.h"

#include <QRegularExpression>

namespace Cairn {

namespace {

// Terminal control sequences (colours, cursor moves) a CLI may send.
const QRegularExpression &escapeSequences()
{
    static const QRegularExpression pattern(
        QStringLiteral("\x1b\\[[0-9;?]*[A-Za-z]|\x1b[()][AB0-2]"));
    return pattern;
}

// What a person would see: line ends made '\n', control sequences dropped, and a line
// rewritten after a carriage return (a pager erasing its prompt) kept as rewritten.
QString screenText(const QByteArray &raw)
{
    QString text = QString::fromUtf8(raw);
    text.remove(escapeSequences());
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        // Terminals send "\r\r\n" as often as "\r\n".
        while (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const qsizetype rewrite = line.lastIndexOf(QLatin1Char('\r'));
        if (rewrite >= 0)
            line = line.mid(rewrite + 1);
        line.remove(QLatin1Char('\b'));
    }
    return lines.join(QLatin1Char('\n'));
}

QString lastLine(const QString &text)
{
    return text.mid(text.lastIndexOf(QLatin1Char('\n')) + 1);
}

// The screen's last line from the raw bytes' last line only: asked after every read, it must
// not cost the whole output each time (quadratic in a long answer).
QString lastScreenLine(const QByteArray &raw)
{
    return screenText(raw.mid(raw.lastIndexOf('\n') + 1));
}

} // namespace

DeviceSession::DeviceSession(std::unique_ptr<SshConnection> connection,
                             const PlatformProfile &profile)
    : m_connection(std::move(connection))
    , m_profile(profile)
{
}

DeviceSession::~DeviceSession() = default;

Result<std::unique_ptr<DeviceSession>> DeviceSession::open(const SshEndpoint &endpoint,
                                                           const PlatformProfile &profile,
                                                           const HostKeyCheck &hostKeyCheck,
                                                           int timeoutMs)
{
    Result<std::unique_ptr<SshConnection>> connection = SshConnection::open(endpoint, hostKeyCheck);
    if (!connection)
        return connection.error();
    std::unique_ptr<DeviceSession> session(
        new DeviceSession(std::move(connection).value(), profile));
    if (profile.useExec)
        return session;
    const Result<void> started = session->startCli(timeoutMs);
    if (!started)
        return started.error();
    return session;
}

bool DeviceSession::endsWithPrompt(const QByteArray &output) const
{
    const QString line = lastScreenLine(output);
    return m_profile.prompt.match(line).hasMatch() &&
           (m_basePrompt.isEmpty() || line.startsWith(m_basePrompt));
}

Result<void> DeviceSession::startCli(int timeoutMs)
{
    m_shell = std::make_unique<SshChannel>(*m_connection);
    Result<void> opened = m_shell->openShell();
    if (!opened)
        return opened;
    const Result<QByteArray> banner =
        m_shell->readUntil([this](const QByteArray &output) { return endsWithPrompt(output); },
                           QDeadlineTimer(timeoutMs), m_profile.pager);
    if (!banner)
        return banner.error();
    m_lastPrompt = lastLine(screenText(banner.value())).trimmed();
    static const QRegularExpression modeSuffix(QStringLiteral("(\\([^)]*\\))?[>#$%]\\s*$"));
    m_basePrompt = QString(m_lastPrompt).remove(modeSuffix);
    if (!m_connection->endpoint().enablePassword.isEmpty() && !m_profile.enableCommand.isEmpty()) {
        Result<void> privileged = enable(timeoutMs);
        if (!privileged)
            return privileged;
    }
    for (const QString &command : m_profile.sessionCommands) {
        const Result<QString> done = exchange(command, timeoutMs);
        if (!done)
            return done.error();
    }
    return {};
}

Result<void> DeviceSession::enable(int timeoutMs)
{
    if (m_profile.privilegedPrompt.match(m_lastPrompt).hasMatch())
        return {};
    Result<void> sent = m_shell->write((m_profile.enableCommand + QLatin1Char('\n')).toUtf8());
    if (!sent)
        return sent;
    const QDeadlineTimer deadline(timeoutMs);
    const Result<QByteArray> asked = m_shell->readUntil(
        [this](const QByteArray &output) {
            const QString line = lastScreenLine(output);
            return m_profile.enablePasswordPrompt.match(line).hasMatch() || endsWithPrompt(output);
        },
        deadline);
    if (!asked)
        return asked.error();
    if (!endsWithPrompt(asked.value())) {
        Result<void> answered =
            m_shell->write((m_connection->endpoint().enablePassword + QLatin1Char('\n')).toUtf8());
        if (!answered)
            return answered;
        const Result<QByteArray> after = m_shell->readUntil(
            [this](const QByteArray &output) { return endsWithPrompt(output); }, deadline);
        if (!after)
            return after.error();
        m_lastPrompt = lastLine(screenText(after.value())).trimmed();
    }
    if (!m_profile.privilegedPrompt.match(m_lastPrompt).hasMatch()) {
        return Error::unavailable(QStringLiteral("auth_failed"),
                                  QStringLiteral("The device refused the enable password."));
    }
    return {};
}

Result<QString> DeviceSession::exchange(const QString &line, int timeoutMs,
                                        const QRegularExpression *expect)
{
    const Result<void> sent = m_shell->write((line + QLatin1Char('\n')).toUtf8());
    if (!sent) {
        m_broken = true;
        return sent.error();
    }
    const Result<QByteArray> answer = m_shell->readUntil(
        [this, expect](const QByteArray &output) {
            // The tail only: matching the whole output after every read would cost quadratic
            // time on a long one.
            return endsWithPrompt(output) ||
                   (expect && expect->match(screenText(output.right(ExpectWindow))).hasMatch());
        },
        QDeadlineTimer(timeoutMs), m_profile.pager);
    if (!answer) {
        // The device may still be answering: nothing after this could tell its output apart.
        m_broken = true;
        return answer.error();
    }
    QString text = screenText(answer.value());
    // Stopped by `expect` rather than a prompt: the question asked is part of the output, and
    // the prompt stays the one before.
    if (endsWithPrompt(answer.value())) {
        m_lastPrompt = lastLine(text).trimmed();
        text.truncate(text.lastIndexOf(QLatin1Char('\n')) + 1);
    } else {
        // The device waits for an answer (or is still talking): the rest of this lease may
        // give it, but nobody else may be handed the session in that state.
        m_broken = true;
    }
    // The device's echo of the command is the first line.
    const qsizetype echoEnd = text.indexOf(QLatin1Char('\n'));
    if (echoEnd >= 0 && text.left(echoEnd).trimmed().endsWith(line.trimmed()))
        text.remove(0, echoEnd + 1);
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text;
}

Result<QString> DeviceSession::run(const QString &command, int timeoutMs)
{
    if (!m_profile.useExec)
        return exchange(command, timeoutMs);
    const Result<ExecOutput> executed = m_connection->exec(command, timeoutMs);
    if (!executed) {
        m_broken = true;
        return executed.error();
    }
    QString text = screenText(executed->output);
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text;
}

Result<QString> DeviceSession::run(const QString &command, const QRegularExpression &expect,
                                   int timeoutMs)
{
    if (!m_profile.useExec)
        return exchange(command, timeoutMs, &expect);
    Result<QString> output = run(command, timeoutMs);
    if (output && !expect.match(output.value()).hasMatch()) {
        return Error::badRequest(
            QStringLiteral("The output of \"%1\" does not match the expected string.")
                .arg(command));
    }
    return output;
}

Result<QString> DeviceSession::configure(const QStringList &lines, int timeoutMs)
{
    if (m_profile.configEnter.isEmpty() || m_profile.useExec) {
        return Error::badRequest(
            QStringLiteral("Platform %1 has no configuration mode.").arg(m_profile.name));
    }
    QStringList transcript;
    const QDeadlineTimer deadline(timeoutMs);
    for (const QString &line :
         QStringList{m_profile.configEnter} + lines + QStringList{m_profile.configExit}) {
        const Result<QString> answer =
            exchange(line, int(qMax<qint64>(1, deadline.remainingTime())));
        if (!answer)
            return answer.error();
        if (!answer->isEmpty())
            transcript << answer.value();
    }
    return transcript.join(QLatin1Char('\n'));
}

bool DeviceSession::isReusable() const
{
    return !m_broken && m_connection->isAlive();
}

} // namespace Cairn
