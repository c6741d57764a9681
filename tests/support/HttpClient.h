#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <optional>

namespace Cairn::Test {

struct HttpReply
{
    int status = 0; // 0: no (complete) answer
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    QJsonValue json() const;
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// A deliberately plain HTTP/1.1 client over a blocking socket: one connection per request, so
// tests see exactly the bytes the server sends, and can send bytes no well-behaved client would.
class HttpClient
{
public:
    explicit HttpClient(quint16 port)
        : m_port(port)
    {
    }

    HttpReply get(const QByteArray &path, const Headers &headers = {}) const;
    HttpReply request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                      const Headers &headers = {}) const;
    // Writes `bytes` and returns everything read until the server closes or `timeoutMs` passes.
    QByteArray sendRaw(const QByteArray &bytes, int timeoutMs = 5000) const;

    static HttpReply parse(const QByteArray &raw);
    static Headers basic(const QByteArray &user, const QByteArray &password);
    static Headers token(const QByteArray &key);

private:
    // A chunked body's bytes; nothing when it is cut short (no last chunk).
    static std::optional<QByteArray> unchunked(const QByteArray &chunks);

    quint16 m_port;
};

} // namespace Cairn::Test
