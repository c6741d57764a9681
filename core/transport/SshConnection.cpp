#include "SshConnection.h"

#include "SshChannel.h"
#include "TcpConnector.h"

#include <QDeadlineTimer>
#include <libssh/libssh.h>
#include <unistd.h>

namespace Cairn {

namespace {

struct KeyDeleter
{
    void operator()(ssh_key key) const { ssh_key_free(key); }
};
using KeyPointer = std::unique_ptr<ssh_key_struct, KeyDeleter>;

} // namespace

SshConnection::SshConnection(ssh_session_struct *session, int socket, SshEndpoint endpoint)
    : m_session(session)
    , m_socket(socket)
    , m_endpoint(std::move(endpoint))
{
}

SshConnection::~SshConnection()
{
    ssh_disconnect(m_session);
    ssh_free(m_session);
    ::close(m_socket);
}

Error SshConnection::failure(const QString &reason, const QString &what) const
{
    return Error::unavailable(reason, QStringLiteral("%1 (%2:%3): %4")
                                          .arg(what, m_endpoint.host)
                                          .arg(m_endpoint.port)
                                          .arg(QString::fromUtf8(ssh_get_error(m_session))));
}

Result<std::unique_ptr<SshConnection>> SshConnection::open(const SshEndpoint &endpoint,
                                                           const HostKeyCheck &hostKeyCheck)
{
    const Result<int> socket =
        TcpConnector::connect(endpoint.host, endpoint.port, endpoint.connectTimeoutMs);
    if (!socket)
        return socket.error();
    ssh_session session = ssh_new();
    if (!session) {
        ::close(socket.value());
        return Error::internal(QStringLiteral("Cannot create an SSH session."));
    }
    socket_t fd = socket.value();
    const QByteArray host = endpoint.host.toUtf8();
    const QByteArray user = endpoint.username.toUtf8();
    const long timeoutUsec = long(endpoint.authTimeoutMs) * 1000;
    const int port = endpoint.port;
    const bool no = false;
    ssh_options_set(session, SSH_OPTIONS_FD, &fd);
    ssh_options_set(session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(session, SSH_OPTIONS_TIMEOUT_USEC, &timeoutUsec);
    // Nothing from ~/.ssh: the server's own settings and known hosts decide.
    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &no);
    std::unique_ptr<SshConnection> connection(new SshConnection(session, fd, endpoint));
    if (ssh_connect(session) != SSH_OK) {
        const bool timedOut = QString::fromUtf8(ssh_get_error(session))
                                  .contains(QLatin1String("timeout"), Qt::CaseInsensitive);
        return connection->failure(timedOut ? QStringLiteral("timeout")
                                            : QStringLiteral("protocol"),
                                   QStringLiteral("SSH handshake failed"));
    }
    const Result<void> trusted = connection->verifyHostKey(hostKeyCheck);
    if (!trusted)
        return trusted.error();
    const Result<void> authenticated = connection->authenticate();
    if (!authenticated)
        return authenticated.error();
    return connection;
}

Result<void> SshConnection::verifyHostKey(const HostKeyCheck &check)
{
    ssh_key serverKey = nullptr;
    if (ssh_get_server_publickey(m_session, &serverKey) != SSH_OK)
        return failure(QStringLiteral("protocol"), QStringLiteral("No host key"));
    const KeyPointer key(serverKey);
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key.get(), SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != 0)
        return failure(QStringLiteral("protocol"), QStringLiteral("Cannot hash the host key"));
    const QString fingerprint =
        QStringLiteral("SHA256:") +
        QString::fromLatin1(QByteArray(reinterpret_cast<char *>(hash), qsizetype(length))
                                .toBase64(QByteArray::OmitTrailingEquals));
    ssh_clean_pubkey_hash(&hash);
    const QString type = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key.get())));
    return check ? check(m_endpoint.host, m_endpoint.port, type, fingerprint) : Result<void>();
}

Result<void> SshConnection::authenticate()
{
    const QByteArray password = m_endpoint.password.toUtf8();
    if (!m_endpoint.privateKey.isEmpty()) {
        ssh_key imported = nullptr;
        const QByteArray passphrase = m_endpoint.keyPassphrase.toUtf8();
        if (ssh_pki_import_privkey_base64(m_endpoint.privateKey.toUtf8().constData(),
                                          passphrase.isEmpty() ? nullptr : passphrase.constData(),
                                          nullptr, nullptr, &imported) != SSH_OK) {
            return Error::invalidField(QStringLiteral("private_key"),
                                       QStringLiteral("The private key cannot be read."));
        }
        const KeyPointer key(imported);
        if (ssh_userauth_publickey(m_session, nullptr, key.get()) == SSH_AUTH_SUCCESS)
            return {};
    }
    if (!password.isEmpty()) {
        if (ssh_userauth_password(m_session, nullptr, password.constData()) == SSH_AUTH_SUCCESS)
            return {};
        // Devices that only offer keyboard-interactive ask for the password as a prompt.
        int status = ssh_userauth_kbdint(m_session, nullptr, nullptr);
        while (status == SSH_AUTH_INFO) {
            for (int i = 0; i < ssh_userauth_kbdint_getnprompts(m_session); ++i)
                ssh_userauth_kbdint_setanswer(m_session, unsigned(i), password.constData());
            status = ssh_userauth_kbdint(m_session, nullptr, nullptr);
        }
        if (status == SSH_AUTH_SUCCESS)
            return {};
    }
    return failure(QStringLiteral("auth_failed"),
                   QStringLiteral("Authentication failed for %1").arg(m_endpoint.username));
}

Result<ExecOutput> SshConnection::exec(const QString &command, int timeoutMs)
{
    SshChannel channel(*this);
    const Result<void> opened = channel.openExec(command);
    if (!opened)
        return opened.error();
    ExecOutput result;
    const Result<QByteArray> output = channel.readToEnd(QDeadlineTimer(timeoutMs));
    if (!output)
        return output.error();
    result.output = output.value();
    result.exitStatus = channel.exitStatus();
    return result;
}

bool SshConnection::isAlive() const
{
    return ssh_is_connected(m_session) != 0;
}

} // namespace Cairn
