#pragma once

#include "Result.h"

#include <QHostAddress>

namespace Cairn {

// ICMP echo (what ping sends) to an IPv4 address: over the unprivileged ICMP socket Linux
// offers the groups in net.ipv4.ping_group_range, else a raw socket (CAP_NET_RAW). Blocking.
class IcmpEcho
{
public:
    // The round-trip time in milliseconds; Unavailable when no reply came within `timeoutMs`,
    // Forbidden when this process may open neither socket (the message says what allows it).
    static Result<double> ping(const QHostAddress &address, int sequence, int timeoutMs);
};

} // namespace Cairn
