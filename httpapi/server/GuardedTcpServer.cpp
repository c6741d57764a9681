#include "GuardedTcpServer.h"

#include "ConnectionGuard.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcGuard)

namespace Cairn {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits,
                                   std::shared_ptr<QAtomicInt> openConnections, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_openConnections(std::move(openConnections))
{
}

bool GuardedTcpServer::listenShared(const QHostAddress &address, quint16 port)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    int bound = -1;
    if (v6) {
        sockaddr_in6 in6{};
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(port);
        const Q_IPV6ADDR raw = address.toIPv6Address();
        memcpy(&in6.sin6_addr, &raw, sizeof raw);
        bound = ::bind(fd, reinterpret_cast<sockaddr *>(&in6), sizeof in6);
    } else {
        sockaddr_in in4{};
        in4.sin_family = AF_INET;
        in4.sin_port = htons(port);
        in4.sin_addr.s_addr = htonl(address.toIPv4Address());
        bound = ::bind(fd, reinterpret_cast<sockaddr *>(&in4), sizeof in4);
    }
    if (bound != 0 || ::listen(fd, SOMAXCONN) != 0 || !setSocketDescriptor(fd)) {
        ::close(fd);
        return false;
    }
    return true;
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        return;
    }
    const bool overCap = m_openConnections->fetchAndAddRelaxed(1) >= m_limits.maxConnections;
    connect(socket, &QObject::destroyed,
            [counter = m_openConnections] { counter->fetchAndSubRelaxed(1); });
    auto *guard = new ConnectionGuard(socket, m_limits);
    if (overCap) {
        qCWarning(lcGuard) << "connection cap reached; refusing" << socket->peerAddress();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        guard->reject(503, "Too many connections.");
        return;
    }
    guard->setReader(m_reader);
    addPendingConnection(socket);
}

} // namespace Cairn
