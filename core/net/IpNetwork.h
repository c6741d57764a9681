#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace Cairn {

// An address as a number wide enough for IPv6, so prefix arithmetic is plain integer math.
using IpNumber = unsigned __int128;

// An IPv4 or IPv6 network (a host address is a /32 or /128 network), always with its host
// bits clear. Stored as 16-byte big-endian keys so SQL compares ranges with plain byte order.
class IpNetwork
{
public:
    IpNetwork() = default;
    IpNetwork(int version, IpNumber address, int prefixLength);

    // "10.0.0.0/8", "2001:db8::/32", or a bare address (a host network). Host bits set, bad
    // syntax or an out-of-range prefix are errors naming `field`.
    static Result<IpNetwork> parse(const QString &text, const QString &field);
    // An address and a prefix length given apart (NSoT's network_address + prefix_length).
    static Result<IpNetwork> fromParts(const QString &address, int prefixLength,
                                       const QString &field);
    static IpNetwork fromKey(int version, const QByteArray &key, int prefixLength);
    static QByteArray keyOf(IpNumber address);

    int version() const { return m_version; }
    int prefixLength() const { return m_prefixLength; }
    int maxPrefixLength() const { return m_version == 6 ? 128 : 32; }
    bool isHost() const { return m_prefixLength == maxPrefixLength(); }
    IpNumber network() const { return m_address; }
    IpNumber broadcast() const { return m_address | hostMask(m_version, m_prefixLength); }
    QByteArray networkKey() const { return keyOf(network()); }
    QByteArray broadcastKey() const { return keyOf(broadcast()); }

    QString networkAddress() const { return addressText(m_version, m_address); }
    QString cidr() const;
    // The network of `prefixLength` (no longer than this one's) that contains this one.
    IpNetwork supernet(int prefixLength) const;
    bool contains(const IpNetwork &other) const;
    bool operator==(const IpNetwork &other) const = default;

    static IpNumber hostMask(int version, int prefixLength);
    static QString addressText(int version, IpNumber address);

private:
    int m_version = 4;
    IpNumber m_address = 0;
    int m_prefixLength = 32;
};

} // namespace Cairn
