#include "IcmpEcho.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <array>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Cairn {

namespace {

constexpr int EchoRequest = 8;
constexpr int EchoReply = 0;
constexpr size_t HeaderSize = 8;

quint16 checksum(const unsigned char *data, size_t size)
{
    quint32 sum = 0;
    for (size_t index = 0; index + 1 < size; index += 2)
        sum += quint32(data[index] << 8 | data[index + 1]);
    if (size % 2 != 0)
        sum += quint32(data[size - 1] << 8);
    while (sum >> 16 != 0)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

} // namespace

Result<double> IcmpEcho::ping(const QHostAddress &address, int sequence, int timeoutMs)
{
    bool isIpv4 = false;
    const quint32 target = address.toIPv4Address(&isIpv4);
    if (!isIpv4)
        return Error::badRequest(QStringLiteral("ICMP is sent to IPv4 addresses only."));
    // The unprivileged socket: the kernel fills in the identifier and strips the IP header.
    bool raw = false;
    int socketFd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (socketFd < 0) {
        socketFd = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
        raw = true;
    }
    if (socketFd < 0) {
        return Error{ErrorCode::Forbidden,
                     QStringLiteral("This server may not send ICMP: allow its group in "
                                    "net.ipv4.ping_group_range, or give it CAP_NET_RAW.")};
    }
    const auto closeSocket = qScopeGuard([socketFd] { ::close(socketFd); });
    // Random, so concurrent pings of one address over raw sockets (which see every reply) do
    // not take each other's answers.
    const auto identifier = quint16(QRandomGenerator::global()->bounded(1, 65536));
    std::array<unsigned char, HeaderSize + 16> request{};
    request[0] = EchoRequest;
    request[4] = identifier >> 8;
    request[5] = identifier & 0xff;
    request[6] = quint16(sequence) >> 8;
    request[7] = quint16(sequence) & 0xff;
    std::memcpy(request.data() + HeaderSize, "cairn-ping-check", 16);
    const quint16 sum = checksum(request.data(), request.size());
    request[2] = sum >> 8;
    request[3] = sum & 0xff;
    sockaddr_in destination{};
    destination.sin_family = AF_INET;
    destination.sin_addr.s_addr = htonl(target);
    QElapsedTimer clock;
    clock.start();
    if (::sendto(socketFd, request.data(), request.size(), 0,
                 reinterpret_cast<const sockaddr *>(&destination), sizeof destination) < 0) {
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("ICMP could not be sent: %1.")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)))};
    }
    const QDeadlineTimer deadline(timeoutMs);
    std::array<unsigned char, 1500> reply{};
    while (!deadline.hasExpired()) {
        pollfd waiting{socketFd, POLLIN, 0};
        if (::poll(&waiting, 1, int(deadline.remainingTime())) <= 0)
            break;
        sockaddr_in from{};
        socklen_t fromSize = sizeof from;
        const ssize_t size = ::recvfrom(socketFd, reply.data(), reply.size(), 0,
                                        reinterpret_cast<sockaddr *>(&from), &fromSize);
        if (size < 0 || from.sin_addr.s_addr != destination.sin_addr.s_addr)
            continue;
        // A raw socket sees the IP header first, and every ICMP message the host receives.
        const size_t offset = raw ? size_t(reply[0] & 0x0f) * 4 : 0;
        if (size_t(size) < offset + HeaderSize || reply[offset] != EchoReply)
            continue;
        const int sequenceSeen = reply[offset + 6] << 8 | reply[offset + 7];
        const quint16 identifierSeen = quint16(reply[offset + 4] << 8 | reply[offset + 5]);
        if (sequenceSeen == quint16(sequence) && (!raw || identifierSeen == identifier))
            return double(clock.nsecsElapsed()) / 1e6;
    }
    return Error{ErrorCode::Unavailable, QStringLiteral("No reply within %1 ms.").arg(timeoutMs)};
}

} // namespace Cairn
