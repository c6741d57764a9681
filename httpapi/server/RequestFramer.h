#pragma once

#include "HttpLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QQueue>
#include <optional>

namespace Cairn {

// Follows HTTP/1.1 request framing byte by byte, ahead of Qt's own parser, to enforce what Qt
// HttpServer 6.4 does not: header and body size caps, well-formed request lines and headers,
// one unambiguous message length (request smuggling relies on two), and a Host header. It
// never buffers a body; it only counts it.
class RequestFramer
{
public:
    struct Violation
    {
        int status;
        QByteArray message;
    };

    // Per request, once its headers are complete: what the connection should do around it.
    struct RequestFacts
    {
        bool closeAfterResponse = false;
        bool expectsContinue = false;
    };

    explicit RequestFramer(const HttpLimits &limits)
        : m_limits(limits)
    {
    }

    // Consumes the next bytes of the connection. After a violation the connection is beyond
    // repair and nothing more may be fed.
    std::optional<Violation> feed(QByteArrayView bytes);

    // Between the first byte of a request and its last.
    bool inRequest() const { return m_state != State::RequestLine || !m_line.isEmpty(); }
    // Facts of requests whose headers are complete, oldest first.
    QQueue<RequestFacts> &facts() { return m_facts; }

private:
    enum class State
    {
        RequestLine,
        HeaderLine,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
    };

    std::optional<Violation> takeLine(char byte, qsizetype limit, int statusWhenTooLong);
    std::optional<Violation> onRequestLine();
    std::optional<Violation> onHeaderLine();
    std::optional<Violation> onHeadersComplete();
    std::optional<Violation> onChunkSize();
    std::optional<Violation> addBody(qint64 bytes);
    Violation bodyTooLarge() const;
    void startNextRequest();

    HttpLimits m_limits;
    // This request's: the general limit, or its route's (HttpLimits::bodyLimits).
    qsizetype m_bodyLimit = 0;
    State m_state = State::RequestLine;
    QByteArray m_line;
    bool m_lineComplete = false;
    qsizetype m_headerBytes = 0;
    qint64 m_bodyBytes = 0;
    qint64 m_remaining = 0;
    std::optional<qint64> m_contentLength;
    int m_contentLengthCount = 0;
    bool m_chunked = false;
    bool m_hasHost = false;
    bool m_http10 = false;
    RequestFacts m_current;
    QQueue<RequestFacts> m_facts;
};

} // namespace Cairn
