#include "HttpListener.h"

#include "AccessLog.h"
#include "ConnectionGuard.h"
#include "HttpRequest.h"
#include "HttpResponse.h"
#include "routing/Router.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QTcpSocket>

namespace Cairn {

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
    copy.query = request.query();
    copy.headers = request.headers();
    copy.body = request.body();
    copy.peer = request.remoteAddress();
    return copy;
}

} // namespace

HttpListener::HttpListener(const Router &router, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_accessLog(new AccessLog(this))
{
}

bool HttpListener::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    const RequestFramer::RequestFacts facts =
        guard ? guard->takeRequestFacts() : RequestFramer::RequestFacts{true, false};
    const HttpRequest copy = copyOf(request);
    QString user;
    const HttpResponse response = m_router.dispatch(copy, &user);
    const bool head = copy.method == "HEAD";
    socket->write(response.serialize(head, facts.closeAfterResponse));
    if (facts.closeAfterResponse)
        socket->disconnectFromHost();
    m_accessLog->record(copy, response.status, head ? 0 : response.body.size(),
                        timer.nsecsElapsed(), user);
    return true;
}

void HttpListener::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; Qt calls this only after it, for a WebSocket upgrade
    // nobody accepts, so the answer is already written.
    Q_UNUSED(request);
    socket->disconnectFromHost();
}

} // namespace Cairn
