#include "GuardedTcpServer.h"

#include "ConnectionGuard.h"
#include "GuardedSocket.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcGuard)

namespace Cairn {

namespace {
constexpr int AcceptRetryMs = 100;
}

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits,
                                   std::shared_ptr<ConnectionCounter> connections,
                                   std::shared_ptr<BodyBudget> bodyBudget,
                                   std::optional<QSslConfiguration> tls, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_connections(std::move(connections))
    , m_bodyBudget(std::move(bodyBudget))
    , m_tls(std::move(tls))
{
}

namespace {

int bindTo(int fd, const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        sockaddr_in6 in6{};
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(port);
        const Q_IPV6ADDR raw = address.toIPv6Address();
        memcpy(&in6.sin6_addr, &raw, sizeof raw);
        return ::bind(fd, reinterpret_cast<sockaddr *>(&in6), sizeof in6);
    }
    sockaddr_in in4{};
    in4.sin_family = AF_INET;
    in4.sin_port = htons(port);
    in4.sin_addr.s_addr = htonl(address.toIPv4Address());
    return ::bind(fd, reinterpret_cast<sockaddr *>(&in4), sizeof in4);
}

int newSocket(const QHostAddress &address)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    return ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

} // namespace

Result<quint16> GuardedTcpServer::claimPort(const QHostAddress &address, quint16 port)
{
    const int fd = newSocket(address);
    if (fd < 0)
        return Error{ErrorCode::Unavailable, QString::fromLocal8Bit(strerror(errno)), {}};
    const int on = 1;
    // SO_REUSEADDR only: a restarted server may take its port back from connections still in
    // TIME_WAIT, but not from a socket that is bound.
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const int bound = bindTo(fd, address, port);
    const int reason = errno;
    sockaddr_storage chosen{};
    socklen_t length = sizeof chosen;
    const bool named =
        bound == 0 && ::getsockname(fd, reinterpret_cast<sockaddr *>(&chosen), &length) == 0;
    const int nameReason = errno;
    ::close(fd);
    if (bound != 0 || !named)
        return Error{ErrorCode::Unavailable,
                     QString::fromLocal8Bit(strerror(bound != 0 ? reason : nameReason)).toLower(),
                     {}};
    return quint16(ntohs(chosen.ss_family == AF_INET6
                             ? reinterpret_cast<const sockaddr_in6 *>(&chosen)->sin6_port
                             : reinterpret_cast<const sockaddr_in *>(&chosen)->sin_port));
}

bool GuardedTcpServer::listenShared(const QHostAddress &address, quint16 port)
{
    const int fd = newSocket(address);
    if (fd < 0)
        return false;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    if (bindTo(fd, address, port) != 0 || ::listen(fd, SOMAXCONN) != 0 ||
        !setSocketDescriptor(fd)) {
        ::close(fd);
        return false;
    }
    return true;
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        ::close(int(descriptor));
        return;
    }
    const QHostAddress peer(reinterpret_cast<const sockaddr *>(&address));
    const ConnectionCounter::Admission admission = m_connections->admit(peer);
    if (admission != ConnectionCounter::Admission::Admitted) {
        refuse(descriptor, peer, admission);
        return;
    }
    QTcpSocket *socket = acceptedSocket(descriptor);
    if (!socket) {
        m_connections->release(peer);
        ::close(int(descriptor));
        return;
    }
    connect(socket, &QObject::destroyed,
            [connections = m_connections, peer] { connections->release(peer); });
    ConnectionGuard *guard = guarded(socket);
    guard->setReader(m_reader);
    m_handedOver << guard;
    addPendingConnection(socket);
}

void GuardedTcpServer::refuse(qintptr descriptor, const QHostAddress &peer,
                              ConnectionCounter::Admission admission)
{
    const bool serverFull = admission == ConnectionCounter::Admission::ServerFull;
    qCWarning(lcGuard) << (serverFull ? "connection cap reached" : "per-address cap reached")
                       << "; refusing" << peer;
    // Closed at once, without a socket object or a lingering close: a flood of refused
    // connections must not hold descriptors. A TLS client cannot read a plain answer.
    if (!m_tls) {
        const QByteArray answer = ConnectionGuard::refusal(
            503, serverFull ? "Too many connections." : "Too many connections from this address.");
        (void)::send(int(descriptor), answer.constData(), size_t(answer.size()),
                     MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    ::close(int(descriptor));
}

void GuardedTcpServer::followReader()
{
    // Runs after the reader's own slot for newConnection, which connected its readyRead slot:
    // the guards' slots connected now run after Qt's parser.
    connect(this, &QTcpServer::newConnection, this, [this] {
        for (const QPointer<ConnectionGuard> &guard : std::as_const(m_handedOver)) {
            if (guard)
                guard->followReader();
        }
        m_handedOver.clear();
    });
    // Out of descriptors, QTcpServer stops accepting and never starts again by itself.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcGuard) << "accept failed:" << error << "; accepting again shortly";
        QTimer::singleShot(AcceptRetryMs, this, [this] { resumeAccepting(); });
    });
}

QTcpSocket *GuardedTcpServer::acceptedSocket(qintptr descriptor)
{
    if (!m_tls) {
        auto *socket = new GuardedSocket<QTcpSocket>(this);
        if (socket->setSocketDescriptor(descriptor))
            return socket;
        delete socket;
        return nullptr;
    }
    auto *socket = new GuardedSocket<QSslSocket>(this);
    socket->setSslConfiguration(*m_tls);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return nullptr;
    }
    // Handshake failures are the client's; the socket closes and Qt's server deletes it.
    connect(socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError> &errors) {
        qCInfo(lcGuard) << "TLS handshake with" << socket->peerAddress()
                        << "failed:" << errors.size() << "error(s)";
    });
    socket->startServerEncryption();
    return socket;
}

ConnectionGuard *GuardedTcpServer::guarded(QTcpSocket *socket)
{
    // Both socket types are GuardedSocket<…>, which is a HoldableSocket.
    auto *holdable = dynamic_cast<HoldableSocket *>(socket);
    Q_ASSERT(holdable);
    return new ConnectionGuard(socket, holdable, m_limits, m_bodyBudget);
}

} // namespace Cairn
