#include "HttpResponse.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtDebug>

namespace Cairn {

HttpResponse HttpResponse::json(const QJsonValue &value, int status)
{
    HttpResponse response;
    response.status = status;
    if (value.isObject()) {
        response.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    } else if (value.isArray()) {
        response.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    } else {
        // QJsonDocument holds only containers; a bare scalar is the inside of a one-item array.
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        response.body = wrapped.mid(1, wrapped.size() - 2);
    }
    return response;
}

HttpResponse HttpResponse::bytes(QByteArray body, QByteArray contentType, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.contentType = std::move(contentType);
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

HttpResponse HttpResponse::later(std::function<HttpResponse()> work)
{
    HttpResponse response;
    response.deferred = std::move(work);
    return response;
}

HttpResponse &HttpResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

HttpResponse HttpResponse::streamed(QByteArray contentType,
                                    std::function<Result<std::optional<QByteArray>>()> pieces)
{
    HttpResponse response;
    response.contentType = std::move(contentType);
    response.pieces = std::move(pieces);
    return response;
}

Result<HttpResponse> HttpResponse::streamedFile(const QString &path, QByteArray contentType)
{
    constexpr qint64 ChunkBytes = 1 << 20;
    auto file = std::make_shared<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        // The path and the system's words stay in the log: a client learns nothing of the disk.
        qWarning().noquote() << "cannot read" << path << ":" << file->errorString();
        return Error::notFound(QStringLiteral("The file cannot be read."));
    }
    return streamed(std::move(contentType), [file]() -> Result<std::optional<QByteArray>> {
        const QByteArray chunk = file->read(ChunkBytes);
        if (chunk.isEmpty())
            return file->atEnd()
                       ? std::optional<QByteArray>()
                       : Result<std::optional<QByteArray>>(Error::internal(file->errorString()));
        return std::optional<QByteArray>(chunk);
    });
}

QByteArray HttpResponse::serialize(bool omitBody, bool close) const
{
    QByteArray out;
    out.reserve(160 + (omitBody ? 0 : body.size()));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    if (pieces)
        out += "Transfer-Encoding: chunked\r\n";
    else if (status != 204 && status >= 200)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!omitBody && status != 204)
        out += body;
    return out;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

} // namespace Cairn
