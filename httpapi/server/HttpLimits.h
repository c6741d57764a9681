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
    // From a request's first byte to its last: a client that trickles bytes is cut off.
    int requestTimeoutMs = 30 * 1000;
    // A keep-alive connection with nothing in flight is closed after this long.
    int idleTimeoutMs = 60 * 1000;
    // Open connections across every listener thread of one server.
    int maxConnections = 2048;

    // The body limit of a request, from its request line.
    qsizetype bodyLimitFor(QByteArrayView method, QByteArrayView target) const;
};

} // namespace Cairn
