#include "IpNetwork.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace Cairn {

namespace {

Result<QPair<int, IpNumber>> parseAddress(const QString &text, const QString &field)
{
    // QHostAddress also takes shorthand like "10.1" and scoped "fe80::1%eth0"; NSoT (Python's
    // ipaddress) does not, so IPv4 must be four decimal octets without leading zeros.
    static const QRegularExpression dottedQuad(
        QStringLiteral("^(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}$"));
    const Error invalid = Error::invalidField(
        field, QStringLiteral("%1 does not appear to be an IPv4 or IPv6 address").arg(text));
    QHostAddress address;
    if (text.contains(QLatin1Char('%')) || !address.setAddress(text))
        return invalid;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        if (!dottedQuad.match(text).hasMatch())
            return invalid;
        return qMakePair(4, IpNumber(address.toIPv4Address()));
    }
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    IpNumber number = 0;
    for (quint8 byte : bytes.c)
        number = (number << 8) | byte;
    return qMakePair(6, number);
}

} // namespace

IpNetwork::IpNetwork(int version, IpNumber address, int prefixLength)
    : m_version(version)
    , m_address(address & ~hostMask(version, prefixLength))
    , m_prefixLength(prefixLength)
{
}

IpNumber IpNetwork::hostMask(int version, int prefixLength)
{
    const int hostBits = (version == 6 ? 128 : 32) - prefixLength;
    return hostBits >= 128 ? ~IpNumber(0) : (IpNumber(1) << hostBits) - 1;
}

Result<IpNetwork> IpNetwork::fromParts(const QString &address, int prefixLength,
                                       const QString &field)
{
    const Result<QPair<int, IpNumber>> parsed = parseAddress(address, field);
    if (!parsed)
        return parsed.error();
    const auto [version, number] = parsed.value();
    const int maxLength = version == 6 ? 128 : 32;
    if (prefixLength < 0 || prefixLength > maxLength)
        return Error::invalidField(QStringLiteral("prefix_length"),
                                   QStringLiteral("Invalid prefix_length: %1").arg(prefixLength));
    if ((number & hostMask(version, prefixLength)) != 0)
        return Error::invalidField(
            field, QStringLiteral("%1/%2 has host bits set").arg(address).arg(prefixLength));
    return IpNetwork(version, number, prefixLength);
}

Result<IpNetwork> IpNetwork::parse(const QString &text, const QString &field)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0) {
        const Result<QPair<int, IpNumber>> parsed = parseAddress(text.trimmed(), field);
        if (!parsed)
            return parsed.error();
        return IpNetwork(parsed->first, parsed->second, parsed->first == 6 ? 128 : 32);
    }
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,3}$"));
    const QString prefix = text.mid(slash + 1).trimmed();
    if (!digits.match(prefix).hasMatch())
        return Error::invalidField(
            field, QStringLiteral("%1 does not appear to be an IPv4 or IPv6 network").arg(text));
    return fromParts(text.left(slash).trimmed(), prefix.toInt(), field);
}

IpNetwork IpNetwork::fromKey(int version, const QByteArray &key, int prefixLength)
{
    IpNumber number = 0;
    for (char byte : key)
        number = (number << 8) | quint8(byte);
    return IpNetwork(version, number, prefixLength);
}

QByteArray IpNetwork::keyOf(IpNumber address)
{
    QByteArray key(16, Qt::Uninitialized);
    for (int i = 15; i >= 0; --i) {
        key[i] = char(quint8(address & 0xff));
        address >>= 8;
    }
    return key;
}

QString IpNetwork::addressText(int version, IpNumber address)
{
    if (version == 4)
        return QHostAddress(quint32(address)).toString();
    Q_IPV6ADDR bytes;
    for (int i = 15; i >= 0; --i) {
        bytes.c[i] = quint8(address & 0xff);
        address >>= 8;
    }
    return QHostAddress(bytes).toString();
}

QString IpNetwork::cidr() const
{
    return networkAddress() + QLatin1Char('/') + QString::number(m_prefixLength);
}

IpNetwork IpNetwork::supernet(int prefixLength) const
{
    return IpNetwork(m_version, m_address, qMin(prefixLength, m_prefixLength));
}

bool IpNetwork::contains(const IpNetwork &other) const
{
    return other.m_version == m_version && other.m_prefixLength >= m_prefixLength &&
           other.network() >= network() && other.broadcast() <= broadcast();
}

} // namespace Cairn
