#include "SshChannel.h"

#include "SshConnection.h"

#include <libssh/libssh.h>

namespace Cairn {

namespace {

// Polls in short slices so that a deadline is honoured to within this many milliseconds.
constexpr int ReadSliceMs = 100;
constexpr int TerminalColumns = 511;
constexpr int TerminalRows = 24;

// Where the text ends once trailing blanks are left out.
qsizetype contentEnd(const QByteArray &text)
{
    qsizetype end = text.size();
    while (end > 0 &&
           (text.at(end - 1) == ' ' || text.at(end - 1) == '\r' || text.at(end - 1) == '\n'))
        --end;
    return end;
}

} // namespace

SshChannel::SshChannel(SshConnection &connection)
    : m_connection(connection)
    , m_channel(ssh_channel_new(connection.handle()))
{
}

SshChannel::~SshChannel()
{
    if (!m_channel)
        return;
    if (ssh_channel_is_open(m_channel))
        ssh_channel_close(m_channel);
    ssh_channel_free(m_channel);
}

Error SshChannel::failure(const QString &reason, const QString &what) const
{
    const SshEndpoint &endpoint = m_connection.endpoint();
    return Error::unavailable(reason,
                              QStringLiteral("%1 (%2:%3): %4")
                                  .arg(what, endpoint.host)
                                  .arg(endpoint.port)
                                  .arg(QString::fromUtf8(ssh_get_error(m_connection.handle()))));
}

Result<void> SshChannel::openExec(const QString &command)
{
    if (!m_channel || ssh_channel_open_session(m_channel) != SSH_OK)
        return failure(QStringLiteral("protocol"), QStringLiteral("Cannot open a channel"));
    if (ssh_channel_request_exec(m_channel, command.toUtf8().constData()) != SSH_OK)
        return failure(QStringLiteral("protocol"),
                       QStringLiteral("The device refused the command"));
    return {};
}

Result<void> SshChannel::openShell()
{
    if (!m_channel || ssh_channel_open_session(m_channel) != SSH_OK)
        return failure(QStringLiteral("protocol"), QStringLiteral("Cannot open a channel"));
    if (ssh_channel_request_pty_size(m_channel, "vt100", TerminalColumns, TerminalRows) != SSH_OK ||
        ssh_channel_request_shell(m_channel) != SSH_OK) {
        return failure(QStringLiteral("protocol"), QStringLiteral("The device refused a shell"));
    }
    return {};
}

Result<void> SshChannel::write(const QByteArray &data)
{
    qsizetype written = 0;
    while (written < data.size()) {
        const int count = ssh_channel_write(m_channel, data.constData() + written,
                                            uint32_t(data.size() - written));
        if (count == SSH_ERROR)
            return failure(QStringLiteral("protocol"),
                           QStringLiteral("Cannot write to the device"));
        written += count;
    }
    return {};
}

Result<bool> SshChannel::readSome(QByteArray &into, const QDeadlineTimer &deadline)
{
    const qsizetype limit = m_connection.endpoint().maxOutputBytes;
    if (into.size() > limit)
        return Error::unavailable(
            QStringLiteral("output_limit"),
            QStringLiteral("The output passed %1 bytes ([toolkit] max_output_bytes).").arg(limit));
    char buffer[16384];
    const int waitMs = int(qMin<qint64>(deadline.remainingTime(), ReadSliceMs));
    const int count = ssh_channel_read_timeout(m_channel, buffer, sizeof(buffer), 0, waitMs);
    if (count == SSH_ERROR)
        return failure(QStringLiteral("protocol"), QStringLiteral("The connection broke"));
    into.append(buffer, count);
    // Exec channels also carry stderr; it belongs with the output, as on a terminal.
    const int errors = ssh_channel_read_nonblocking(m_channel, buffer, sizeof(buffer), 1);
    if (errors > 0)
        into.append(buffer, errors);
    return !(count == 0 && ssh_channel_is_eof(m_channel));
}

Result<QByteArray> SshChannel::readToEnd(const QDeadlineTimer &deadline)
{
    QByteArray output;
    for (;;) {
        if (deadline.hasExpired())
            return Error::unavailable(QStringLiteral("timeout"),
                                      QStringLiteral("The command did not finish in time."));
        const Result<bool> more = readSome(output, deadline);
        if (!more)
            return more.error();
        if (!more.value())
            return output;
    }
}

Result<QByteArray> SshChannel::readUntil(const std::function<bool(const QByteArray &)> &done,
                                         const QDeadlineTimer &deadline,
                                         const QRegularExpression &pager)
{
    QByteArray output;
    for (;;) {
        if (deadline.hasExpired())
            return Error::unavailable(QStringLiteral("timeout"),
                                      QStringLiteral("The device did not answer in time."));
        const qsizetype before = output.size();
        const Result<bool> more = readSome(output, deadline);
        if (!more)
            return more.error();
        if (output.size() == before) {
            if (!more.value())
                return failure(QStringLiteral("protocol"), QStringLiteral("The device hung up"));
            continue;
        }
        if (pager.isValid() && !pager.pattern().isEmpty()) {
            const qsizetype tail = qMax<qsizetype>(0, output.size() - 64);
            const QRegularExpressionMatch paged =
                pager.match(QString::fromLatin1(output.mid(tail)));
            if (paged.hasMatch() && tail + paged.capturedEnd() >= contentEnd(output)) {
                output.truncate(tail + paged.capturedStart());
                const Result<void> next = write(" ");
                if (!next)
                    return next.error();
                continue;
            }
        }
        if (done(output))
            return output;
    }
}

int SshChannel::exitStatus() const
{
    return ssh_channel_get_exit_status(m_channel);
}

} // namespace Cairn
