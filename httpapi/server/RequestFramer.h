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
    };

    explicit RequestFramer(const HttpLimits &limits, std::shared_ptr<BodyBudget> budget = {})
        : m_limits(limits)
        , m_budget(std::move(budget))
    {
    }
    // Gives back the budget of bodies whose requests were never answered.
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
    // The oldest request is complete and handed over: its facts.
    std::optional<RequestFacts> takeFacts();
    // The oldest request received in full is answered: its body's budget is given back. (Qt
    // keeps a body until its answer is out.)
    void answered();

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
    // Checks a body that will have `total` bytes against the size limits.
    std::optional<Violation> admitBody(qint64 total) const;
    // Takes `bytes` of body just received from the budget.
    std::optional<Violation> budgetBody(qint64 bytes);
    Violation bodyTooLarge() const;
    void startNextRequest();

    HttpLimits m_limits;
    std::shared_ptr<BodyBudget> m_budget;
    // Budget taken for the body being received, and for each request received in full and not
    // answered yet, oldest first.
    qint64 m_bodyBudget = 0;
    QQueue<qint64> m_receivedBudgets;
    // This request's: the general limit, or its route's (HttpLimits::bodyLimits).
    qsizetype m_bodyLimit = 0;
    State m_state = State::RequestLine;
    QByteArray m_line;
    bool m_lineComplete = false;
    bool m_lineEndedWithCr = false;
    qsizetype m_headerBytes = 0;
    int m_headerFields = 0;
    int m_emptyLineBytes = 0;
    qint64 m_requestBytes = 0;
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
