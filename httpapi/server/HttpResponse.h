#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>

namespace Cairn {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static HttpResponse json(const QJsonValue &value, int status = 200);
    static HttpResponse bytes(QByteArray body, QByteArray contentType, int status = 200);
    static HttpResponse noContent();

    HttpResponse &withHeader(QByteArray name, QByteArray value);
    // The bytes on the wire. A HEAD answer keeps the headers (and the GET Content-Length) but
    // no body; `close` announces that the server closes the connection afterwards.
    QByteArray serialize(bool omitBody, bool close) const;

    static QByteArray reasonPhrase(int status);
};

} // namespace Cairn
