#pragma once

#include "HoldableSocket.h"

#include <QMetaObject>
#include <QSslSocket>
#include <type_traits>

namespace Cairn {

// A client socket (QTcpSocket, or QSslSocket for TLS) that can hold pipelined requests back.
// Qt HttpServer 6.4 takes the next pipelined request whenever bytesAvailable() says bytes are
// left, however many answers already wait to be sent, so a client that sends requests but
// never reads would make the server queue answers without bound. While held, Qt is told no
// bytes are left and the socket reads nothing more from the kernel, so TCP flow control slows
// the client down; releasing hands the waiting bytes back to Qt.
template <class Socket> class GuardedSocket : public Socket, public HoldableSocket
{
public:
    using Socket::Socket;

    qint64 bytesAvailable() const override { return m_held ? 0 : Socket::bytesAvailable(); }

    void holdRequests(bool held) override
    {
        if (held == m_held)
            return;
        m_held = held;
        // A read buffer of one byte that is already full keeps the kernel's bytes there.
        Socket::setReadBufferSize(held ? 1 : m_readCap);
        if (!held && Socket::bytesAvailable() > 0)
            QMetaObject::invokeMethod(this, &Socket::readyRead, Qt::QueuedConnection);
    }
    bool holdsRequests() const override { return m_held; }
    qint64 unreadBytes() const override { return Socket::bytesAvailable(); }
    qint64 unsentBytes() const override
    {
        // QSslSocket counts only what it has not encrypted yet.
        if constexpr (std::is_base_of_v<QSslSocket, Socket>)
            return Socket::bytesToWrite() + Socket::encryptedBytesToWrite();
        else
            return Socket::bytesToWrite();
    }
    void setReadCap(qint64 bytes) override
    {
        m_readCap = bytes;
        if (!m_held)
            Socket::setReadBufferSize(bytes);
    }

private:
    bool m_held = false;
    qint64 m_readCap = 0;
};

} // namespace Cairn
