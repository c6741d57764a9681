#include "BootstrapScript.h"

#include <QRegularExpression>

namespace Cairn {

QByteArray BootstrapScript::withServer(const QByteArray &script, const QString &serverUrl,
                                       bool *found)
{
    static const QRegularExpression placeholder(
        QStringLiteral("\\$(?:(\\$)|SERVER(?![A-Za-z0-9_])|\\{SERVER\\})"));
    const QString text = QString::fromUtf8(script);
    QString result;
    qsizetype last = 0;
    *found = false;
    for (const QRegularExpressionMatch &match : placeholder.globalMatch(text)) {
        result += QStringView(text).mid(last, match.capturedStart() - last);
        if (match.hasCaptured(1)) {
            result += QLatin1Char('$');
        } else {
            result += serverUrl;
            *found = true;
        }
        last = match.capturedEnd();
    }
    result += QStringView(text).mid(last);
    return result.toUtf8();
}

} // namespace Cairn
