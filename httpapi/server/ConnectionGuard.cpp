#include "ConnectionGuard.h"

#include "HoldableSocket.h"
#include "HttpResponse.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcGuard, "cairn.http.guard")

namespace Cairn {

namespace {
constexpr int LingerMs = 5000; // time a rejected client gets to read our answer
}

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, HoldableSocket *holdable,
                                 const HttpLimits &limits, std::shared_ptr<BodyBudget> bodyBudget)
    : QObject(socket)
    , m_socket(socket)
    , m_holdable(holdable)
    , m_writeBacklogBytes(limits.writeBacklogBytes)
    , m_maxUnanswered(limits.maxUnansweredRequests)
    , m_requestTimeoutMs(limits.requestTimeoutMs)
    , m_framer(limits, std::move(bodyBudget))
{
    m_requestTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(limits.idleTimeoutMs);
    connect(&m_requestTimer, &QTimer::timeout, this, &ConnectionGuard::onRequestTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionGuard::onIdleTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
    // QSslSocket reports bytesWritten when it has encrypted, before anything is sent.
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        connect(tls, &QSslSocket::encryptedBytesWritten, this, &ConnectionGuard::onBytesWritten);
    m_holdable->setReadCap(limits.maxUnreadBytes());
    m_idleTimer.start();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
}

RequestFramer::RequestFacts ConnectionGuard::takeRequestFacts()
{
    // A held connection may still deliver a request now and then (Qt reads request lines
    // without asking bytesAvailable(), TLS decrypts record by record); far past the limits,
    // the client is cut off.
    if (m_holdable->holdsRequests() && !m_closing &&
        (m_unanswered >= 2 * m_maxUnanswered ||
         m_holdable->unsentBytes() >= 4 * m_writeBacklogBytes)) {
        m_closing = true;
        qCInfo(lcGuard).noquote() << m_socket->peerAddress().toString()
                                  << "closed: pipelined past every limit";
        QMetaObject::invokeMethod(m_socket, &QAbstractSocket::abort, Qt::QueuedConnection);
    }
    ++m_unanswered;
    updateHold();
    return m_framer.takeFacts().value_or(RequestFramer::RequestFacts{});
}

void ConnectionGuard::answerWritten()
{
    --m_unanswered;
    m_framer.answered();
    updateHold();
}

bool ConnectionGuard::answersBackedUp() const
{
    return m_holdable->unsentBytes() >= m_writeBacklogBytes;
}

void ConnectionGuard::followReader()
{
    connect(m_socket, &QTcpSocket::readyRead, this,
            [this] { m_seenUnread = m_holdable->unreadBytes(); });
}

QByteArray ConnectionGuard::refusal(int status, const QByteArray &message)
{
    const QJsonObject body{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), status},
                                                                 {QStringLiteral("message"),
                                                                  QString::fromLatin1(message)}}}};
    return HttpResponse::json(body, status).serialize(false, true);
}

void ConnectionGuard::updateHold()
{
    if (m_rejected || m_closing)
        return;
    const bool held = m_unanswered >= m_maxUnanswered || answersBackedUp();
    if (held == m_holdable->holdsRequests())
        return;
    m_holdable->holdRequests(held);
    // The server, not the client, stops a request from arriving meanwhile: its clock stops,
    // and goes on from where it was (never from the start, or holding would extend it).
    if (held && m_requestTimer.isActive()) {
        m_requestTimeLeftMs = qMax(1, m_requestTimer.remainingTime());
        m_requestTimer.stop();
    } else if (!held && m_requestTimeLeftMs > 0) {
        m_requestTimer.start(m_requestTimeLeftMs);
        m_requestTimeLeftMs = 0;
    }
}

void ConnectionGuard::onReadyRead()
{
    if (m_rejected) {
        m_socket->readAll(); // lingering: discard, never buffer
        return;
    }
    const qint64 available = m_holdable->unreadBytes();
    if (available > m_seenUnread) {
        const QByteArray unread = m_socket->peek(available);
        const auto violation = m_framer.feed(QByteArrayView(unread).sliced(m_seenUnread));
        if (violation) {
            reject(violation->status, violation->message);
            return;
        }
        for (RequestFramer::RequestFacts &facts : m_framer.facts()) {
            if (facts.expectsContinue) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                facts.expectsContinue = false;
            }
        }
    }
    if (m_framer.inRequest()) {
        if (!m_requestTimer.isActive() && m_requestTimeLeftMs == 0)
            m_requestTimer.start(m_requestTimeoutMs);
    } else {
        m_requestTimer.stop();
        m_requestTimeLeftMs = 0;
    }
    restartIdleTimer();
}

void ConnectionGuard::reject(int status, const QByteArray &message)
{
    m_rejected = true;
    m_requestTimer.stop();
    m_idleTimer.stop();
    qCInfo(lcGuard).noquote() << m_socket->peerAddress().toString() << "rejected:" << status
                              << message;
    if (m_reader)
        disconnect(m_socket, &QTcpSocket::readyRead, m_reader, nullptr);
    m_holdable->holdRequests(false); // what the client still sends is read, to be discarded
    // Qt's parser may hold a read transaction open, which would keep every byte in memory.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    m_socket->write(refusal(status, message));
    m_socket->flush();
    onBytesWritten();
    QTimer::singleShot(LingerMs, m_socket, [socket = m_socket] { socket->abort(); });
}

void ConnectionGuard::onBytesWritten()
{
    if (!m_rejected) {
        restartIdleTimer();
        updateHold();
        Q_EMIT answerBytesSent();
        return;
    }
    if (!m_halfClosed && m_holdable->unsentBytes() == 0) {
        m_halfClosed = true;
        ::shutdown(int(m_socket->socketDescriptor()),
                   SHUT_WR); // the client reads EOF after the answer
    }
}

void ConnectionGuard::onRequestTimeout()
{
    reject(408, "Request not received in time.");
}

void ConnectionGuard::onIdleTimeout()
{
    if (m_holdable->unsentBytes() > 0) {
        // Nothing of our answers went out for a whole interval: the client stopped reading.
        qCInfo(lcGuard).noquote() << m_socket->peerAddress().toString()
                                  << "closed: answers left unread";
        m_socket->abort();
        return;
    }
    if (m_framer.inRequest() || m_unanswered > 0) {
        m_idleTimer.start();
        return;
    }
    m_socket->disconnectFromHost();
}

void ConnectionGuard::restartIdleTimer()
{
    m_idleTimer.start();
}

} // namespace Cairn
