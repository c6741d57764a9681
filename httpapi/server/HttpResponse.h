#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <functional>
#include <optional>

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
    // Set for a body too large to hold (exports): each call gives the next piece, nothing at the
    // end, or an error — the connection is then cut, so a client never takes a truncated body
    // for a whole one. Called on the blocking-work pool, one call at a time, until the end.
    std::function<Result<std::optional<QByteArray>>()> pieces;
    // Who was served, when that was found out off the listener thread (for the access log).
    QString caller;

    static HttpResponse json(const QJsonValue &value, int status = 200);
    static HttpResponse bytes(QByteArray body, QByteArray contentType, int status = 200);
    static HttpResponse noContent();
    // An answer computed by `work` off the listener thread. `work` runs after the handler has
    // returned, so it must own (capture by value) everything it uses.
    static HttpResponse later(std::function<HttpResponse()> work);
    // A body sent in chunks (Transfer-Encoding: chunked) as `pieces` produces it; `pieces` owns
    // everything it uses, like later()'s work.
    static HttpResponse streamed(QByteArray contentType,
                                 std::function<Result<std::optional<QByteArray>>()> pieces);
    // A file's bytes, streamed a megabyte at a time; NotFound when it cannot be opened.
    static Result<HttpResponse> streamedFile(const QString &path, QByteArray contentType);

    HttpResponse &withHeader(QByteArray name, QByteArray value);
    // The bytes on the wire (only the head of a streamed answer). A HEAD answer keeps the
    // headers (and the GET Content-Length) but no body; `close` announces that the server
    // closes the connection afterwards.
    QByteArray serialize(bool omitBody, bool close) const;

    static QByteArray reasonPhrase(int status);
};

} // namespace Cairn
