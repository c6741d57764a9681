#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QRegularExpression>
#include <functional>

struct ssh_channel_struct;

namespace Cairn {

class SshConnection;

// One channel of a connection: an exec request or an interactive shell on a pseudo-terminal.
// Reads wait at most until a deadline; a deadline that passes is a `timeout` error.
class SshChannel
{
public:
    explicit SshChannel(SshConnection &connection);
    ~SshChannel();
    SshChannel(const SshChannel &) = delete;
    SshChannel &operator=(const SshChannel &) = delete;

    Result<void> openExec(const QString &command);
    // A shell on a wide pseudo-terminal, as a person at a console would get.
    Result<void> openShell();
    Result<void> write(const QByteArray &data);
    // Until the channel ends (exec).
    Result<QByteArray> readToEnd(const QDeadlineTimer &deadline);
    // Until `done` holds for what was read so far; `pager`, when it matches at the end of the
    // output, is answered with a space and removed (a device paging a long answer).
    Result<QByteArray> readUntil(const std::function<bool(const QByteArray &)> &done,
                                 const QDeadlineTimer &deadline,
                                 const QRegularExpression &pager = {});
    int exitStatus() const;

private:
    // Appends what arrives within the deadline; false when the channel is at its end.
    Result<bool> readSome(QByteArray &into, const QDeadlineTimer &deadline);
    Error failure(const QString &reason, const QString &what) const;

    SshConnection &m_connection;
    ssh_channel_struct *m_channel;
};

} // namespace Cairn
