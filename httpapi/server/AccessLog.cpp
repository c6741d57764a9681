#include "AccessLog.h"

#include "HttpRequest.h"
#include "JsonLog.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimer>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcAccess, "cairn.http.access")

namespace Cairn {

namespace {
constexpr qsizetype MaxWrite = 4096; // PIPE_BUF: writes up to this size are atomic
}

AccessLog::AccessLog(QObject *parent)
    : QObject(parent)
{
}

AccessLog::~AccessLog()
{
    flush();
}

void AccessLog::record(const HttpRequest &request, int status, qsizetype bodyBytes,
                       qint64 nanoseconds, const QString &user)
{
    if (!lcAccess().isInfoEnabled())
        return;
    const qsizetype lineStart = m_buffer.size();
    if (JsonLog::isEnabled()) {
        appendJson(request, status, bodyBytes, nanoseconds, user);
    } else {
        appendText(request, status, bodyBytes, nanoseconds, user);
    }
    if (m_buffer.size() - lineStart > MaxWrite) // a monster path: keep the line writable at once
    {
        // JSON lines are cut at a character, not a byte, and closed again.
        m_buffer.truncate(lineStart + MaxWrite - 1);
        m_buffer += '\n';
    }
    if (m_buffer.size() >= MaxWrite) {
        flush();
    } else if (!m_flushScheduled) {
        m_flushScheduled = true;
        QTimer::singleShot(0, this, &AccessLog::flush);
    }
}

void AccessLog::appendJson(const HttpRequest &request, int status, qsizetype bodyBytes,
                           qint64 nanoseconds, const QString &user)
{
    // A path too long for one write is shortened before quoting, so the line stays JSON.
    QString path = request.rawPath;
    if (path.size() > 2048)
        path = path.left(2048) + QStringLiteral("...");
    m_buffer += "{\"time\":\"";
    appendTimestamp();
    m_buffer += "Z\",\"level\":\"info\",\"category\":\"cairn.http.access\",\"peer\":\"";
    m_buffer += request.peer.toString().toLatin1();
    m_buffer += "\",\"method\":";
    m_buffer += JsonLog::quoted(QString::fromLatin1(request.method));
    m_buffer += ",\"path\":" + JsonLog::quoted(path);
    m_buffer += ",\"status\":" + QByteArray::number(status);
    m_buffer += ",\"bytes\":" + QByteArray::number(bodyBytes);
    m_buffer += ",\"ms\":" + QByteArray::number(double(nanoseconds) / 1e6, 'f', 2);
    m_buffer += ",\"user\":" + (user.isEmpty() ? QByteArray("null") : JsonLog::quoted(user));
    m_buffer += "}\n";
}

void AccessLog::appendText(const HttpRequest &request, int status, qsizetype bodyBytes,
                           qint64 nanoseconds, const QString &user)
{
    appendTimestamp();
    m_buffer += " I cairn.http.access: ";
    m_buffer += request.peer.toString().toLatin1();
    m_buffer += ' ';
    m_buffer += request.method.isEmpty() ? QByteArray("?") : request.method;
    m_buffer += ' ';
    m_buffer += request.rawPath.toUtf8();
    m_buffer += ' ' + QByteArray::number(status) + ' ' + QByteArray::number(bodyBytes) + "B ";
    m_buffer += QByteArray::number(double(nanoseconds) / 1e6, 'f', 2) + "ms user=";
    m_buffer += user.isEmpty() ? QByteArray("-") : user.toUtf8();
    m_buffer += '\n';
}

void AccessLog::appendTimestamp()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now / 1000 != m_second) {
        m_second = now / 1000;
        // JSON lines say UTC (with a Z); text lines the local time, as Qt's own lines do.
        m_secondPrefix = QDateTime::fromMSecsSinceEpoch(
                             m_second * 1000, JsonLog::isEnabled() ? Qt::UTC : Qt::LocalTime)
                             .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."))
                             .toLatin1();
    }
    m_buffer += m_secondPrefix;
    const int millis = int(now % 1000);
    m_buffer += char('0' + millis / 100);
    m_buffer += char('0' + millis / 10 % 10);
    m_buffer += char('0' + millis % 10);
}

void AccessLog::flush()
{
    m_flushScheduled = false;
    qsizetype start = 0;
    while (start < m_buffer.size()) {
        // Whole lines, at most MaxWrite bytes.
        qsizetype end = qMin(m_buffer.size(), start + MaxWrite);
        if (end < m_buffer.size())
            end = m_buffer.lastIndexOf('\n', end - 1) + 1;
        const ssize_t written =
            ::write(STDERR_FILENO, m_buffer.constData() + start, size_t(end - start));
        if (written <= 0)
            break; // stderr closed: the log is lost, the server goes on
        start += written;
    }
    m_buffer.clear();
}

} // namespace Cairn
