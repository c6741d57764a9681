#pragma once

#include <QByteArray>
#include <QString>

namespace Cairn {

// Logs as JSON lines ([server] log_format=json), one object per line for log collectors
// (journald's JSON export, Loki, Elasticsearch): `{"time", "level", "category", "message"}`, and
// for each request `{"time", "level", "category", "peer", "method", "path", "status", "bytes",
// "ms", "user"}`. Off (text lines) unless enabled, process-wide, before the server starts.
class JsonLog
{
public:
    // Installs the message handler and switches the access log to JSON.
    static void enable();
    static bool isEnabled();
    // `text` as a JSON string, quotes included.
    static QByteArray quoted(const QString &text);
    // The level's name as the lines carry it.
    static const char *levelName(QtMsgType type);
};

} // namespace Cairn
