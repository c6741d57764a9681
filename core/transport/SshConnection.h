#pragma once

#include "Result.h"
#include "SshEndpoint.h"

#include <QByteArray>
#include <functional>
#include <memory>

struct ssh_session_struct;

namespace Cairn {

// Decides whether a server's host key is acceptable (known hosts, trust on first use...).
using HostKeyCheck = std::function<Result<void>(const QString &host, int port,
                                                const QString &keyType, const QString &sha256)>;

// What an exec channel gave back.
struct ExecOutput
{
    QByteArray output;
    int exitStatus = -1;
};

// One logged-in SSH connection (libssh). Used by one thread at a time; the session pool makes
// sure of that. Failures are Unavailable errors whose reason says which step failed:
// unreachable, refused, timeout, host_key, auth_failed, protocol.
class SshConnection
{
public:
    ~SshConnection();
    SshConnection(const SshConnection &) = delete;
    SshConnection &operator=(const SshConnection &) = delete;

    static Result<std::unique_ptr<SshConnection>> open(const SshEndpoint &endpoint,
                                                       const HostKeyCheck &hostKeyCheck);

    // Runs one command on its own channel and reads until it ends or `timeoutMs` passes.
    Result<ExecOutput> exec(const QString &command, int timeoutMs);
    ssh_session_struct *handle() const { return m_session; }
    const SshEndpoint &endpoint() const { return m_endpoint; }
    // False once the transport broke; such a connection is never reused.
    bool isAlive() const;

private:
    SshConnection(ssh_session_struct *session, int socket, SshEndpoint endpoint);
    Result<void> verifyHostKey(const HostKeyCheck &check);
    Result<void> authenticate();
    Error failure(const QString &reason, const QString &what) const;

    ssh_session_struct *m_session;
    // libssh leaves a socket it was given open.
    int m_socket;
    SshEndpoint m_endpoint;
};

} // namespace Cairn
