#pragma once

#include "BodyBudget.h"
#include "ConnectionCounter.h"
#include "HttpLimits.h"
#include "Result.h"

#include <QHostAddress>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <memory>
#include <optional>

class QTcpSocket;

namespace Cairn {

class ConnectionGuard;

// A listening socket for one listener thread. Several share one port (SO_REUSEPORT, the kernel
// spreads connections); each accepted socket gets a ConnectionGuard before Qt's HTTP server
// sees it, and connections beyond the shared caps (in all, per client address) are refused at
// once. With a TLS configuration every connection is TLS; Qt's server reads what it decrypts.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(const HttpLimits &limits, std::shared_ptr<ConnectionCounter> connections,
                     std::shared_ptr<BodyBudget> bodyBudget, std::optional<QSslConfiguration> tls,
                     QObject *parent = nullptr);

    // Whether `port` on `address` is free: a socket bound without SO_REUSEPORT fails where any
    // other is bound, even one sharing its port, so a second server is refused instead of
    // joining the first and being handed half its connections (the kernel spreads them).
    // Answers the port (the one the kernel chose for 0), or the system's reason.
    static Result<quint16> claimPort(const QHostAddress &address, quint16 port);
    // Binds the claimed port with SO_REUSEPORT: the server's own listener threads share it.
    bool listenShared(const QHostAddress &address, quint16 port);
    // The Qt HTTP server that reads the connections; followReader() once it is bound.
    void setReader(QObject *reader) { m_reader = reader; }
    void followReader();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QTcpSocket *acceptedSocket(qintptr descriptor);
    void refuse(qintptr descriptor, const QHostAddress &peer,
                ConnectionCounter::Admission admission);
    ConnectionGuard *guarded(QTcpSocket *socket);

private:
    HttpLimits m_limits;
    std::shared_ptr<ConnectionCounter> m_connections;
    std::shared_ptr<BodyBudget> m_bodyBudget;
    std::optional<QSslConfiguration> m_tls;
    QObject *m_reader = nullptr;
    // Connections accepted since the reader last took them.
    QList<QPointer<ConnectionGuard>> m_handedOver;
};

} // namespace Cairn
