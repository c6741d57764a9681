#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QThreadPool>
#include <memory>
#include <optional>

namespace Cairn {

class AccessLog;
class BlockingWork;
class RequestMetrics;
class Router;

// One listener thread's HTTP server: turns each request Qt parsed into an HttpRequest, hands
// it to the shared Router, writes the answer (HEAD without body; Connection: close honoured,
// which Qt 6.4 ignores) and logs an access line. Deferred answers (device I/O) are computed on
// its server's BlockingWork (503 when that is full); answers go out in request order on each
// connection.
class HttpListener : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // Each answered request is counted in `metrics`.
    HttpListener(const Router &router, BlockingWork &work, RequestMetrics &metrics,
                 QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // One request's answer on its way out.
    struct Answer
    {
        HttpRequest request;
        bool head = false;
        bool close = false;
        QElapsedTimer timer;
        QString user;
        QByteArray route;
        std::optional<HttpResponse> response;
        // A streamed answer: its head is out and pieces follow; body bytes sent so far.
        bool streaming = false;
        qint64 streamedBytes = 0;
    };

    void compute(QTcpSocket *socket, const std::shared_ptr<Answer> &answer,
                 std::function<HttpResponse()> work);
    // Writes the answers at the front of the socket's queue that are ready.
    void send(QTcpSocket *socket);
    // A streamed answer's next piece, computed on the blocking pool; written when it comes, after
    // the client has taken most of what was written before.
    void streamNext(QTcpSocket *socket, const std::shared_ptr<Answer> &answer);
    void writePiece(QTcpSocket *socket, const std::shared_ptr<Answer> &answer,
                    const Result<std::optional<QByteArray>> &piece);
    void finish(QTcpSocket *socket, const std::shared_ptr<Answer> &answer, qint64 bodyBytes);

    const Router &m_router;
    BlockingWork &m_work;
    RequestMetrics &m_metrics;
    QHash<QTcpSocket *, QList<std::shared_ptr<Answer>>> m_answers;
    AccessLog *m_accessLog;
};

} // namespace Cairn
