#pragma once

#include <QtGlobal>

namespace Cairn {

// What one connection may cost the server. Qt HttpServer 6.4 enforces none of these itself.
struct HttpLimits
{
    qsizetype maxHeaderBytes = 16 * 1024;
    qsizetype maxBodyBytes = 16 * 1024 * 1024;
    // From a request's first byte to its last: a client that trickles bytes is cut off.
    int requestTimeoutMs = 30 * 1000;
    // A keep-alive connection with nothing in flight is closed after this long.
    int idleTimeoutMs = 60 * 1000;
    // Open connections across every listener thread of one server.
    int maxConnections = 2048;
};

} // namespace Cairn
