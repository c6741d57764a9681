#pragma once

#include "HttpLimits.h"

#include <QAtomicInt>
#include <QHostAddress>
#include <QTcpServer>
#include <memory>

namespace Cairn {

// A listening socket for one listener thread. Several share one port (SO_REUSEPORT, the kernel
// spreads connections); each accepted socket gets a ConnectionGuard before Qt's HTTP server
// sees it, and connections beyond the shared cap are refused at once.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(const HttpLimits &limits, std::shared_ptr<QAtomicInt> openConnections,
                     QObject *parent = nullptr);

    bool listenShared(const QHostAddress &address, quint16 port);
    void setReader(QObject *reader) { m_reader = reader; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    HttpLimits m_limits;
    std::shared_ptr<QAtomicInt> m_openConnections;
    QObject *m_reader = nullptr;
};

} // namespace Cairn
