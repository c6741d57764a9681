#pragma once

#include "Result.h"

namespace Cairn {

// Opens a TCP connection with a deadline and tells the ways it can fail apart: refused
// (nothing listens), unreachable (no route, or nothing answered in time) and timeout.
class TcpConnector
{
public:
    // A connected socket descriptor, owned by the caller.
    static Result<int> connect(const QString &host, int port, int timeoutMs);
};

} // namespace Cairn
