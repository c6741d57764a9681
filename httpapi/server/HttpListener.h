#pragma once

#include <QAbstractHttpServer>

namespace Cairn {

class AccessLog;
class Router;

// One listener thread's HTTP server: turns each request Qt parsed into an HttpRequest, hands
// it to the shared Router, writes the answer (HEAD without body; Connection: close honoured,
// which Qt 6.4 ignores) and logs an access line.
class HttpListener : public QAbstractHttpServer
{
    Q_OBJECT

public:
    HttpListener(const Router &router, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    const Router &m_router;
    AccessLog *m_accessLog;
};

} // namespace Cairn
