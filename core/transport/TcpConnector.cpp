#include "TcpConnector.h"

#include <QDeadlineTimer>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Cairn {

namespace {

Error failure(int error, const QString &host, int port)
{
    const QString where = QStringLiteral("%1:%2").arg(host).arg(port);
    if (error == ECONNREFUSED)
        return Error::unavailable(QStringLiteral("refused"),
                                  QStringLiteral("Connection refused by %1.").arg(where));
    if (error == ETIMEDOUT)
        return Error::unavailable(QStringLiteral("timeout"),
                                  QStringLiteral("Timed out connecting to %1.").arg(where));
    return Error::unavailable(QStringLiteral("unreachable"),
                              QStringLiteral("%1 is unreachable: %2.")
                                  .arg(where, QString::fromLocal8Bit(std::strerror(error))));
}

// One address: a non-blocking connect waited on with poll() until the deadline.
int connectOne(const addrinfo &address, const QDeadlineTimer &deadline, int &error)
{
    const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                            address.ai_protocol);
    if (fd < 0) {
        error = errno;
        return -1;
    }
    if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0 && errno != EINPROGRESS) {
        error = errno;
        ::close(fd);
        return -1;
    }
    pollfd waiting{fd, POLLOUT, 0};
    int ready = 0;
    do {
        ready = ::poll(&waiting, 1, int(deadline.remainingTime()));
    } while (ready < 0 && errno == EINTR);
    socklen_t length = sizeof(error);
    if (ready == 0)
        error = ETIMEDOUT;
    else if (ready < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (ready <= 0 || error != 0) {
        ::close(fd);
        return -1;
    }
    // libssh expects a blocking socket.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

} // namespace

Result<int> TcpConnector::connect(const QString &host, int port, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *addresses = nullptr;
    const int resolved = ::getaddrinfo(host.toUtf8().constData(),
                                       QByteArray::number(port).constData(), &hints, &addresses);
    if (resolved != 0) {
        return Error::unavailable(QStringLiteral("unreachable"),
                                  QStringLiteral("Cannot resolve %1: %2.")
                                      .arg(host, QString::fromLocal8Bit(gai_strerror(resolved))));
    }
    int error = EHOSTUNREACH;
    int fd = -1;
    for (const addrinfo *address = addresses; address && fd < 0 && !deadline.hasExpired();
         address = address->ai_next) {
        fd = connectOne(*address, deadline, error);
    }
    ::freeaddrinfo(addresses);
    if (fd < 0)
        return failure(deadline.hasExpired() ? ETIMEDOUT : error, host, port);
    return fd;
}

} // namespace Cairn
