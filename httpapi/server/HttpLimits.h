#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QRegularExpression>
#include <QtGlobal>

namespace Cairn {

// What one connection may cost the server. Qt HttpServer 6.4 enforces none of these itself.
struct HttpLimits
{
    // Another body limit for requests of one method whose path (the request target without its
    // query) matches a pattern: ZTP's startup-configs are larger than anything else it takes.
    struct BodyLimit
    {
        QByteArray method;
        QRegularExpression path;
        qsizetype maxBodyBytes = 0;
    };

    qsizetype maxHeaderBytes = 16 * 1024;
    qsizetype maxBodyBytes = 16 * 1024 * 1024;
    QList<BodyLimit> bodyLimits;
    // A request with none of these headers (lower case) may send no larger body: refused with
    // 401 before it is read.
    QByteArrayList credentialHeaders{"authorization"};
    qsizetype maxBodyBytesWithoutCredentials = 64 * 1024;
    // Request bodies being received at once across every connection of one server.
    qint64 maxPendingBodyBytes = 256 * 1024 * 1024;
    // From a request's first byte to its last: a client that trickles bytes is cut off.
    int requestTimeoutMs = 30 * 1000;
    // A keep-alive connection with nothing in flight is closed after this long.
    int idleTimeoutMs = 60 * 1000;
    // Open connections across every listener thread of one server, and from one client address.
    int maxConnections = 2048;
    int maxConnectionsPerAddress = 256;
    // Answer bytes a client may leave unread: beyond them the server takes no further request of
    // the connection and produces no more of a streamed answer until the client reads.
    qint64 writeBacklogBytes = 1 << 20;
    // Pipelined requests of one connection whose answers are not written yet (computing, or
    // waiting behind one that is); beyond them the next request waits.
    int maxUnansweredRequests = 32;
    // A request on the wire: headers, the largest body and its chunk framing. Qt keeps all of it
    // in the socket until the request is complete.
    qint64 maxRequestBytes() const;
    // What one connection may have sent that nobody has read yet: a request and a little more.
    qint64 maxUnreadBytes() const { return maxRequestBytes() + 32 * 1024; }

    // The body limit of a request, from its request line.
    qsizetype bodyLimitFor(QByteArrayView method, QByteArrayView target) const;
};

} // namespace Cairn
