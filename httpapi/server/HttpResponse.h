#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <functional>

namespace Cairn {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Set for work that must not run on a listener thread (device or hypervisor I/O): the
    // listener runs it on a pool of blocking-work threads and sends the answer it returns.
    std::function<HttpResponse()> deferred;

    static HttpResponse json(const QJsonValue &value, int status = 200);
    static HttpResponse bytes(QByteArray body, QByteArray contentType, int status = 200);
    static HttpResponse noContent();
    // An answer computed by `work` off the listener thread. `work` runs after the handler has
    // returned, so it must own (capture by value) everything it uses.
    static HttpResponse later(std::function<HttpResponse()> work);

    HttpResponse &withHeader(QByteArray name, QByteArray value);
    // The bytes on the wire. A HEAD answer keeps the headers (and the GET Content-Length) but
    // no body; `close` announces that the server closes the connection afterwards.
    QByteArray serialize(bool omitBody, bool close) const;

    static QByteArray reasonPhrase(int status);
};

} // namespace Cairn
