#pragma once

#include "HttpLimits.h"
#include "RequestFramer.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class QTcpSocket;

namespace Cairn {

class HoldableSocket;

// Watches one connection for the server: sees every byte before Qt's parser does (its slot is
// connected to readyRead first), and answers and closes the connection itself when a request
// breaks a limit, so Qt never buffers what it should not. Also times out trickling requests
// and idle keep-alive connections, holds pipelined requests back while answers pile up, and
// closes a connection whose client has stopped reading them.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    // `holdable` is the same object as `socket`.
    ConnectionGuard(QTcpSocket *socket, HoldableSocket *holdable, const HttpLimits &limits,
                    std::shared_ptr<BodyBudget> bodyBudget);

    static ConnectionGuard *of(QTcpSocket *socket);

    // The Qt HTTP server that reads this socket, so a rejected request can be kept from it.
    void setReader(QObject *reader) { m_reader = reader; }

    // Called when Qt's parser hands over a complete request: what to do around its response.
    // The request counts as unanswered until answerWritten().
    RequestFramer::RequestFacts takeRequestFacts();
    // A request's answer, to its last byte, is in the socket's write buffer.
    void answerWritten();
    // The client has left more of our answers unread than it may.
    bool answersBackedUp() const;
    // Once Qt's parser reads the socket: from then on, what it leaves unread after each read
    // is known to the framer already.
    void followReader();
    // The answer to a refused connection, closing it.
    static QByteArray refusal(int status, const QByteArray &message);

    // Answers with `status` and closes without reading further requests. The close lingers: the
    // answer is sent, the sending side shut, and what the client still sends is discarded for a
    // while, because closing a socket with unread input makes the kernel reset the connection and
    // the client could lose the answer.
    void reject(int status, const QByteArray &message);

Q_SIGNALS:
    // Some of what was written went out to the client (after encryption, for TLS).
    void answerBytesSent();

private:
    void onReadyRead();
    void onBytesWritten();
    void onRequestTimeout();
    void onIdleTimeout();
    void restartIdleTimer();
    void updateHold();

    QTcpSocket *m_socket;
    HoldableSocket *m_holdable;
    qint64 m_writeBacklogBytes;
    int m_maxUnanswered;
    int m_requestTimeoutMs;
    // While held: what was left of the request's time.
    int m_requestTimeLeftMs = 0;
    QPointer<QObject> m_reader;
    RequestFramer m_framer;
    QTimer m_requestTimer;
    QTimer m_idleTimer;
    // Bytes at the front of the socket's unread data that the framer has already seen: Qt's
    // parser stops after a complete request, leaving any pipelined bytes for later.
    qint64 m_seenUnread = 0;
    // Requests handed to Qt whose answers are not written yet: computing, or queued behind one.
    int m_unanswered = 0;
    bool m_rejected = false;
    bool m_halfClosed = false;
    bool m_closing = false;
};

} // namespace Cairn
