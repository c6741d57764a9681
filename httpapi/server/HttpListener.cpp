#include "HttpListener.h"

#include "AccessLog.h"
#include "BlockingWork.h"
#include "ConnectionGuard.h"
#include "HttpRequest.h"
#include "HttpResponse.h"
#include "RequestMetrics.h"
#include "routing/Router.h"

#include <QFutureWatcher>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QThreadPool>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

namespace Cairn {

Q_LOGGING_CATEGORY(lcStream, "cairn.http.stream")

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return {}; // anything else is answered 501 by the router
    }
}

HttpRequest copyOf(const QHttpServerRequest &request)
{
    HttpRequest copy;
    copy.method = methodName(request.method());
    copy.rawPath = request.url().path(QUrl::FullyEncoded);
    copy.segments = HttpRequest::splitPath(copy.rawPath);
    // Query strings are form-encoded, as Django and every HTTP client take them: '+' is a space
    // (a plus sign comes as %2B). QUrlQuery alone would keep it a plus.
    copy.query = QUrlQuery(
        request.url().query(QUrl::FullyEncoded).replace(QLatin1Char('+'), QStringLiteral("%20")));
    copy.headers = request.headers();
    copy.body = request.body();
    copy.peer = request.remoteAddress();
    return copy;
}

} // namespace

HttpListener::HttpListener(const Router &router, BlockingWork &work, RequestMetrics &metrics,
                           QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_work(work)
    , m_metrics(metrics)
    , m_accessLog(new AccessLog(this))
{
}

bool HttpListener::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto answer = std::make_shared<Answer>();
    answer->timer.start();
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    const RequestFramer::RequestFacts facts =
        guard ? guard->takeRequestFacts() : RequestFramer::RequestFacts{true, false};
    answer->request = copyOf(request);
    answer->head = answer->request.method == "HEAD";
    answer->close = facts.closeAfterResponse;
    HttpResponse response = m_router.dispatch(answer->request, &answer->user, &answer->route);
    if (!m_answers.contains(socket)) {
        connect(socket, &QObject::destroyed, this, [this, socket] { m_answers.remove(socket); });
    }
    m_answers[socket].append(answer);
    if (response.deferred)
        compute(socket, answer, std::move(response.deferred));
    else
        answer->response = std::move(response);
    send(socket);
    return true;
}

void HttpListener::compute(QTcpSocket *socket, const std::shared_ptr<Answer> &answer,
                           std::function<HttpResponse()> work)
{
    if (!m_work.reserve()) {
        answer->response =
            HttpResponse::json(QJsonObject{{QStringLiteral("error"),
                                            QStringLiteral("The server is busy; try again.")}},
                               503)
                .withHeader("Retry-After", "1");
        return;
    }
    auto *watcher = new QFutureWatcher<HttpResponse>(this);
    const QPointer<QTcpSocket> alive(socket);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, answer, alive] {
        answer->response = watcher->result();
        if (!answer->response->caller.isEmpty())
            answer->user = answer->response->caller;
        watcher->deleteLater();
        // The client may have gone meanwhile; the answer then goes nowhere.
        if (!alive)
            return;
        send(alive);
    });
    watcher->setFuture(QtConcurrent::run(&m_work.pool(), [work = std::move(work), pool = &m_work] {
        // Given back even if the work throws, or the pool would shrink for good.
        const auto release = qScopeGuard([pool] { pool->release(); });
        return work();
    }));
}

void HttpListener::send(QTcpSocket *socket)
{
    QList<std::shared_ptr<Answer>> &queue = m_answers[socket];
    while (!queue.isEmpty() && queue.constFirst()->response) {
        const std::shared_ptr<Answer> answer = queue.constFirst();
        const HttpResponse &response = *answer->response;
        if (response.pieces && !answer->head) {
            // Everything behind it waits until its last piece is out.
            if (!answer->streaming) {
                answer->streaming = true;
                socket->write(response.serialize(false, answer->close));
                streamNext(socket, answer);
            }
            return;
        }
        socket->write(response.serialize(answer->head, answer->close));
        finish(socket, answer, answer->head ? 0 : response.body.size());
    }
}

void HttpListener::finish(QTcpSocket *socket, const std::shared_ptr<Answer> &answer,
                          qint64 bodyBytes)
{
    m_answers[socket].removeFirst();
    if (ConnectionGuard *guard = ConnectionGuard::of(socket))
        guard->answerWritten();
    if (answer->close)
        socket->disconnectFromHost();
    const qint64 nanoseconds = answer->timer.nsecsElapsed();
    m_accessLog->record(answer->request, answer->response->status, bodyBytes, nanoseconds,
                        answer->user);
    m_metrics.observe(answer->route, answer->response->status, nanoseconds);
}

void HttpListener::streamNext(QTcpSocket *socket, const std::shared_ptr<Answer> &answer)
{
    auto *watcher = new QFutureWatcher<Result<std::optional<QByteArray>>>(this);
    const QPointer<QTcpSocket> alive(socket);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, answer, alive] {
        watcher->deleteLater();
        if (alive)
            writePiece(alive, answer, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_work.pool(), answer->response->pieces));
}

void HttpListener::writePiece(QTcpSocket *socket, const std::shared_ptr<Answer> &answer,
                              const Result<std::optional<QByteArray>> &piece)
{
    if (!piece) {
        qCWarning(lcStream) << "streamed answer cut:" << piece.error().message;
        m_answers.remove(socket);
        socket->abort();
        return;
    }
    if (!piece->has_value()) {
        socket->write("0\r\n\r\n");
        finish(socket, answer, answer->streamedBytes);
        send(socket);
        return;
    }
    const QByteArray &bytes = *piece.value();
    if (!bytes.isEmpty()) {
        socket->write(QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
        answer->streamedBytes += bytes.size();
    }
    // Beyond what the client may leave unread, the next piece waits for bytesWritten.
    const auto backedUp = [](QTcpSocket *socket) {
        const ConnectionGuard *guard = ConnectionGuard::of(socket);
        return guard && guard->answersBackedUp();
    };
    if (!backedUp(socket)) {
        streamNext(socket, answer);
        return;
    }
    // backedUp() means there is a guard. Its answerBytesSent() counts what TLS encrypts and
    // sends; the socket's bytesWritten() would not say when encrypted bytes drain.
    const QPointer<QTcpSocket> alive(socket);
    auto drained = std::make_shared<QMetaObject::Connection>();
    *drained = connect(ConnectionGuard::of(socket), &ConnectionGuard::answerBytesSent, this,
                       [this, alive, answer, drained, backedUp] {
                           if (!alive || backedUp(alive))
                               return;
                           disconnect(*drained);
                           streamNext(alive, answer);
                       });
}

void HttpListener::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; Qt calls this only after it, for a WebSocket upgrade
    // nobody accepts, so the answer is already written.
    Q_UNUSED(request);
    socket->disconnectFromHost();
}

} // namespace Cairn
