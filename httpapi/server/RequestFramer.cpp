#include "RequestFramer.h"

#include <cctype>

namespace Cairn {

namespace {

constexpr qsizetype MaxChunkLine = 1024;
// Qt's header parser gives up past these and then sees a request without headers: the framer
// must refuse first, or the two would disagree on where the next request starts.
constexpr int MaxHeaderFields = 100;
constexpr qsizetype MaxHeaderLine = 8000;
// CRLFs a client may send between requests (RFC 9112 2.2 allows some; Qt keeps them all).
constexpr int MaxEmptyLineBytes = 4;

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool hasControlCharacters(QByteArrayView text)
{
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
            return true;
    }
    return false;
}

bool headerListContains(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &item : value.toByteArray().split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

RequestFramer::~RequestFramer()
{
    qint64 taken = m_bodyBudget;
    for (const qint64 bytes : std::as_const(m_receivedBudgets))
        taken += bytes;
    if (m_budget && taken > 0)
        m_budget->giveBack(taken);
}

std::optional<RequestFramer::RequestFacts> RequestFramer::takeFacts()
{
    if (m_facts.isEmpty())
        return std::nullopt;
    return m_facts.dequeue();
}

void RequestFramer::answered()
{
    if (m_receivedBudgets.isEmpty())
        return;
    const qint64 bytes = m_receivedBudgets.dequeue();
    if (m_budget && bytes > 0)
        m_budget->giveBack(bytes);
}

std::optional<RequestFramer::Violation> RequestFramer::feed(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size()) {
        std::optional<Violation> violation;
        const qsizetype before = i;
        switch (m_state) {
        case State::RequestLine:
            // Empty lines before a request line are allowed (RFC 9112 2.2), a few.
            if (m_line.isEmpty() && (bytes[i] == '\r' || bytes[i] == '\n')) {
                if (++m_emptyLineBytes > MaxEmptyLineBytes)
                    return Violation{400, "Malformed request line."};
                ++i;
                continue;
            }
            violation = takeLine(bytes[i++], m_limits.maxHeaderBytes, 414);
            if (!violation && m_lineComplete)
                violation = onRequestLine();
            break;
        case State::HeaderLine:
        case State::Trailer:
            violation = takeLine(bytes[i++],
                                 qMin(m_limits.maxHeaderBytes - m_headerBytes, MaxHeaderLine), 431);
            if (!violation && m_lineComplete)
                violation = onHeaderLine();
            break;
        case State::FixedBody:
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, bytes.size() - i);
            if (std::optional<Violation> refused = budgetBody(take))
                return refused;
            i += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_state == State::FixedBody)
                    startNextRequest();
                else
                    m_state = State::ChunkDataEnd;
            }
            break;
        }
        case State::ChunkDataEnd:
        case State::ChunkSize:
            violation = takeLine(bytes[i++], MaxChunkLine, 400);
            if (!violation && m_lineComplete)
                violation = onChunkSize();
            break;
        }
        if (violation)
            return violation;
        // All of a request stays in the socket until it is complete (Qt's read transaction):
        // its size on the wire, chunk framing included, is capped too.
        m_requestBytes += i - before;
        if (m_requestBytes > m_limits.maxRequestBytes())
            return bodyTooLarge();
    }
    return std::nullopt;
}

std::optional<RequestFramer::Violation> RequestFramer::takeLine(char byte, qsizetype limit,
                                                                int statusWhenTooLong)
{
    if (m_lineComplete) {
        m_line.clear();
        m_lineComplete = false;
    }
    if (byte == '\n') {
        m_lineEndedWithCr = m_line.endsWith('\r');
        if (m_lineEndedWithCr)
            m_line.chop(1);
        m_lineComplete = true;
        return std::nullopt;
    }
    m_line.append(byte);
    if (m_line.size() > limit)
        return Violation{statusWhenTooLong, statusWhenTooLong == 414 ? "Request line too long."
                                            : statusWhenTooLong == 431
                                                ? "Request headers too large."
                                                : "Malformed chunked body."};
    return std::nullopt;
}

std::optional<RequestFramer::Violation> RequestFramer::onRequestLine()
{
    // method SP request-target SP HTTP/x.y, single spaces, no controls (RFC 9112 3).
    const QByteArrayView line(m_line);
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return Violation{400, "Malformed request line."};
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(line.first(firstSpace)) || hasControlCharacters(target) || target.contains(' ') ||
        target.contains('\t') || version.size() != 8 || !version.startsWith("HTTP/") ||
        version[6] != '.' || !std::isdigit(uchar(version[5])) || !std::isdigit(uchar(version[7])))
        return Violation{400, "Malformed request line."};
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
        return Violation{505, "Only HTTP/1.0 and HTTP/1.1 are supported."};
    m_http10 = version[7] == '0';
    m_bodyLimit = m_limits.bodyLimitFor(line.first(firstSpace), target);
    m_current = RequestFacts{m_http10, false};
    m_headerBytes = m_line.size() + 2;
    m_state = State::HeaderLine;
    return std::nullopt;
}

std::optional<RequestFramer::Violation> RequestFramer::onHeaderLine()
{
    m_headerBytes += m_line.size() + 2;
    if (m_line.isEmpty()) {
        if (m_state == State::Trailer) {
            startNextRequest();
            return std::nullopt;
        }
        return onHeadersComplete();
    }
    if (m_line.startsWith(' ') || m_line.startsWith('\t'))
        return Violation{400, "Folded header lines are not accepted."};
    if (++m_headerFields > MaxHeaderFields)
        return Violation{431, "Too many header fields."};
    const qsizetype colon = m_line.indexOf(':');
    if (colon <= 0 || !isToken(QByteArrayView(m_line).first(colon)))
        return Violation{400, "Malformed header line."};
    const QByteArrayView name = QByteArrayView(m_line).first(colon);
    const QByteArray value = m_line.sliced(colon + 1).trimmed();
    const auto is = [&name](QByteArrayView wanted) {
        return name.compare(wanted, Qt::CaseInsensitive) == 0;
    };
    if (hasControlCharacters(value))
        return Violation{400, "Control characters in a header value."};
    // Qt 6.4 reads no trailer fields: the two must agree on where the next request starts.
    if (m_state == State::Trailer)
        return Violation{400, "Trailer fields are not accepted."};
    if (is("content-length")) {
        bool ok = false;
        const qint64 length = value.toLongLong(&ok);
        const bool digitsOnly = !value.isEmpty() && value.front() != '+' && value.front() != '-';
        if (!ok || !digitsOnly || length < 0)
            return Violation{400, "Invalid Content-Length."};
        m_contentLength = length;
        ++m_contentLengthCount;
    } else if (is("transfer-encoding")) {
        if (value.compare("chunked", Qt::CaseInsensitive) != 0)
            return Violation{501, "Only the chunked transfer coding is supported."};
        if (m_chunked)
            return Violation{400, "Transfer-Encoding given twice."};
        m_chunked = true;
    } else if (m_limits.credentialHeaders.contains(name.toByteArray().toLower())) {
        m_hasCredentials = !value.isEmpty();
    } else if (is("host")) {
        if (m_hasHost)
            return Violation{400, "Host given twice."};
        m_hasHost = true;
    } else if (is("connection")) {
        if (headerListContains(value, "close"))
            m_current.closeAfterResponse = true;
        else if (headerListContains(value, "keep-alive"))
            m_current.closeAfterResponse = false;
    } else if (is("expect")) {
        if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
            return Violation{417, "Only 'Expect: 100-continue' is supported."};
        m_current.expectsContinue = true;
    }
    return std::nullopt;
}

std::optional<RequestFramer::Violation> RequestFramer::onHeadersComplete()
{
    if (m_contentLengthCount > 1)
        return Violation{400, "More than one Content-Length."};
    if (m_chunked && m_contentLength)
        return Violation{400, "Both Content-Length and Transfer-Encoding given."};
    if (!m_hasHost && !m_http10)
        return Violation{400, "Missing Host header."};
    m_current.expectsContinue =
        m_current.expectsContinue && (m_chunked || m_contentLength.value_or(0) > 0);
    if (m_contentLength.value_or(0) > 0) {
        if (std::optional<Violation> refused = admitBody(*m_contentLength))
            return refused;
    }
    m_facts.enqueue(m_current);
    if (m_chunked) {
        m_state = State::ChunkSize;
    } else if (m_contentLength.value_or(0) > 0) {
        m_remaining = *m_contentLength;
        m_state = State::FixedBody;
    } else {
        startNextRequest();
    }
    return std::nullopt;
}

std::optional<RequestFramer::Violation> RequestFramer::onChunkSize()
{
    // Qt's parser splits chunked bodies at CRLF only: a bare LF would make the two disagree
    // on where the body ends.
    if (!m_lineEndedWithCr)
        return Violation{400, "Malformed chunked body."};
    if (m_state == State::ChunkDataEnd) {
        if (!m_line.isEmpty())
            return Violation{400, "Malformed chunked body."};
        m_state = State::ChunkSize;
        return std::nullopt;
    }
    const QByteArray size = m_line.split(';').first().trimmed();
    bool ok = false;
    const qint64 length = size.toLongLong(&ok, 16);
    if (!ok || size.isEmpty() || length < 0 || size.size() > 15)
        return Violation{400, "Malformed chunk size."};
    if (length == 0) {
        m_state = State::Trailer;
        return std::nullopt;
    }
    m_bodyBytes += length;
    if (std::optional<Violation> refused = admitBody(m_bodyBytes))
        return refused;
    m_remaining = length;
    m_state = State::ChunkData;
    return std::nullopt;
}

std::optional<RequestFramer::Violation> RequestFramer::admitBody(qint64 total) const
{
    if (total > m_bodyLimit)
        return bodyTooLarge();
    // Public routes take small bodies; a large one from nobody in particular is refused before
    // it is read rather than after.
    if (!m_hasCredentials && total > m_limits.maxBodyBytesWithoutCredentials)
        return Violation{401, "Authentication credentials were not provided (a body of more than " +
                                  QByteArray::number(m_limits.maxBodyBytesWithoutCredentials) +
                                  " bytes needs them)."};
    return std::nullopt;
}

std::optional<RequestFramer::Violation> RequestFramer::budgetBody(qint64 bytes)
{
    // Counted as it arrives: what a slow sender has not sent costs nothing yet.
    if (!m_budget || bytes <= 0)
        return std::nullopt;
    if (!m_budget->take(bytes))
        return Violation{503, "The server is receiving too much at once; try again."};
    m_bodyBudget += bytes;
    return std::nullopt;
}

RequestFramer::Violation RequestFramer::bodyTooLarge() const
{
    return Violation{413, "Request body too large (limit " + QByteArray::number(m_bodyLimit) +
                              " bytes)."};
}

void RequestFramer::startNextRequest()
{
    m_receivedBudgets.enqueue(m_bodyBudget);
    m_bodyBudget = 0;
    m_emptyLineBytes = 0;
    m_headerFields = 0;
    m_requestBytes = 0;
    m_state = State::RequestLine;
    m_line.clear();
    m_lineComplete = false;
    m_headerBytes = 0;
    m_bodyBytes = 0;
    m_remaining = 0;
    m_contentLength.reset();
    m_contentLengthCount = 0;
    m_chunked = false;
    m_hasHost = false;
    m_hasCredentials = false;
    m_http10 = false;
}

} // namespace Cairn
