#pragma once

#include "BodyBudget.h"
#include "HttpLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QQueue>
#include <memory>
#include <optional>

namespace Cairn {

// Follows HTTP/1.1 request framing byte by byte, ahead of Qt's own parser, to enforce what Qt
// HttpServer 6.4 does not: header and body size caps, well-formed request lines and headers,
// one unambiguous message length (request smuggling relies on two), a Host header, credentials
// before a large body, and a share of the server's body budget for every body. It never buffers
// a body; it only counts it.
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
        // Taken from the body budget while the body is received.
        qint64 budgetedBodyBytes = 0;
    };

    explicit RequestFramer(const HttpLimits &limits, std::shared_ptr<BodyBudget> budget = {})
        : m_limits(limits)
        , m_budget(std::move(budget))
    {
    }
    // Gives back the budget of requests whose bodies never reached a handler.
    ~RequestFramer();
    RequestFramer(const RequestFramer &) = delete;
    RequestFramer &operator=(const RequestFramer &) = delete;

    // Consumes the next bytes of the connection. After a violation the connection is beyond
    // repair and nothing more may be fed.
    std::optional<Violation> feed(QByteArrayView bytes);

    // Between the first byte of a request and its last.
    bool inRequest() const { return m_state != State::RequestLine || !m_line.isEmpty(); }
    // Facts of requests whose headers are complete, oldest first.
    QQueue<RequestFacts> &facts() { return m_facts; }
    // The oldest request is complete and handed over: its facts, its budget given back.
    std::optional<RequestFacts> takeFacts();

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
    // Checks a body that has grown to `total` bytes, `more` of them new, and budgets the new.
    std::optional<Violation> admitBody(qint64 total, qint64 more, RequestFacts &facts);
    Violation bodyTooLarge() const;
    void startNextRequest();

    HttpLimits m_limits;
    std::shared_ptr<BodyBudget> m_budget;
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
    bool m_hasCredentials = false;
    bool m_http10 = false;
    RequestFacts m_current;
    QQueue<RequestFacts> m_facts;
};

} // namespace Cairn
