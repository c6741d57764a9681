#include "HttpClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace Cairn::Test {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonValue HttpReply::json() const
{
    const QByteArray wrapped = "[" + body + "]";
    const QJsonDocument document = QJsonDocument::fromJson(wrapped);
    return document.isArray() ? document.array().first() : QJsonValue(QJsonValue::Undefined);
}

HttpReply HttpClient::get(const QByteArray &path, const Headers &headers) const
{
    return request("GET", path, {}, headers);
}

HttpReply HttpClient::request(const QByteArray &method, const QByteArray &path,
                              const QByteArray &body, const Headers &headers) const
{
    QByteArray raw = method + ' ' + path +
                     " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                     "\r\nConnection: close\r\n";
    bool hasContentType = false;
    for (const auto &[name, value] : headers) {
        raw += name + ": " + value + "\r\n";
        hasContentType |= name.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!hasContentType)
            raw += "Content-Type: application/json\r\n";
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    raw += "\r\n" + body;
    return parse(sendRaw(raw, 30000));
}

QByteArray HttpClient::sendRaw(const QByteArray &bytes, int timeoutMs) const
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(timeoutMs);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        if (socket.waitForReadyRead(int(qMax<qint64>(1, timeoutMs - timer.elapsed()))))
            received += socket.readAll();
    }
    received += socket.readAll();
    return received;
}

std::optional<QByteArray> HttpClient::unchunked(const QByteArray &chunks)
{
    QByteArray body;
    qsizetype at = 0;
    while (true) {
        const qsizetype lineEnd = chunks.indexOf("\r\n", at);
        if (lineEnd < 0)
            return std::nullopt;
        bool valid = false;
        const qsizetype size = chunks.mid(at, lineEnd - at).toLongLong(&valid, 16);
        if (!valid || chunks.size() < lineEnd + 2 + size + 2)
            return std::nullopt;
        if (size == 0)
            return body;
        body += chunks.mid(lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
    }
}

HttpReply HttpClient::parse(const QByteArray &raw)
{
    HttpReply reply;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    const QList<QByteArray> lines = raw.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            reply.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    reply.body = raw.mid(end + 4);
    if (reply.header("transfer-encoding").compare("chunked", Qt::CaseInsensitive) == 0) {
        std::optional<QByteArray> whole = unchunked(reply.body);
        if (!whole)
            return reply; // cut short: status stays 0
        reply.body = std::move(*whole);
    }
    const QByteArray length = reply.header("content-length");
    if (!length.isEmpty() && reply.body.size() < length.toLongLong())
        return reply; // cut short: status stays 0
    if (!length.isEmpty())
        reply.body.truncate(length.toLongLong());
    reply.status = statusLine.value(1).toInt();
    return reply;
}

Headers HttpClient::basic(const QByteArray &user, const QByteArray &password)
{
    return {{"Authorization", "Basic " + QByteArray(user + ':' + password).toBase64()}};
}

Headers HttpClient::token(const QByteArray &key)
{
    return {{"Authorization", "Token " + key}};
}

} // namespace Cairn::Test
