#pragma once

#include <QByteArray>
#include <QObject>

namespace Cairn {

struct HttpRequest;

// One listener thread's access log: a line per request, in the same layout as Cairn's other
// log lines, on stderr. Qt's message handler formats a timestamp and writes once per line,
// which cost a fifth of the server's throughput; this formats cheaply and writes complete
// lines in batches when the thread's event loop is idle (at most 4 KiB a write, so lines from
// different threads never interleave on a pipe). Off when QT_LOGGING_RULES disables
// cairn.http.access.info. With JsonLog enabled, each line is a JSON object.
class AccessLog : public QObject
{
    Q_OBJECT

public:
    explicit AccessLog(QObject *parent = nullptr);
    ~AccessLog() override;

    void record(const HttpRequest &request, int status, qsizetype bodyBytes, qint64 nanoseconds,
                const QString &user);

private:
    void appendText(const HttpRequest &request, int status, qsizetype bodyBytes, qint64 nanoseconds,
                    const QString &user);
    void appendJson(const HttpRequest &request, int status, qsizetype bodyBytes, qint64 nanoseconds,
                    const QString &user);
    void appendTimestamp();
    void flush();

    QByteArray m_buffer;
    QByteArray m_secondPrefix;
    qint64 m_second = -1;
    bool m_flushScheduled = false;
};

} // namespace Cairn
