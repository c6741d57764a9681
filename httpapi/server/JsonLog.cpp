#include "JsonLog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <atomic>
#include <unistd.h>

namespace Cairn {

namespace {

std::atomic_bool s_enabled = false;

void writeJsonMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QByteArray line =
        "{\"time\":\"" +
        QDateTime::currentDateTimeUtc()
            .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"))
            .toLatin1() +
        "\",\"level\":\"" + JsonLog::levelName(type) + "\",\"category\":" +
        JsonLog::quoted(QString::fromLatin1(context.category ? context.category : "default")) +
        ",\"message\":" + JsonLog::quoted(message) + "}\n";
    // One write per line: lines from different threads never interleave.
    (void)::write(STDERR_FILENO, line.constData(), size_t(line.size()));
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void JsonLog::enable()
{
    s_enabled = true;
    qInstallMessageHandler(writeJsonMessage);
}

bool JsonLog::isEnabled()
{
    return s_enabled;
}

QByteArray JsonLog::quoted(const QString &text)
{
    // A one-element array is the cheapest way to Qt's own escaping of one string.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

const char *JsonLog::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

} // namespace Cairn
