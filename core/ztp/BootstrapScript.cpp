#include "BootstrapScript.h"

namespace Cairn {

namespace {

bool isIdentifierByte(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

} // namespace

QByteArray BootstrapScript::withServer(const QByteArray &script, const QString &serverUrl,
                                       bool *found)
{
    // On the bytes: a script need not be UTF-8, and only its placeholders change.
    const QByteArray url = serverUrl.toUtf8();
    QByteArray result;
    result.reserve(script.size() + 4 * url.size());
    *found = false;
    qsizetype at = 0;
    while (at < script.size()) {
        const qsizetype dollar = script.indexOf('$', at);
        if (dollar < 0)
            break;
        result += QByteArrayView(script).sliced(at, dollar - at);
        const QByteArrayView rest = QByteArrayView(script).sliced(dollar + 1);
        if (rest.startsWith("$")) {
            result += '$';
            at = dollar + 2;
        } else if (rest.startsWith("{SERVER}")) {
            result += url;
            *found = true;
            at = dollar + 9;
        } else if (rest.startsWith("SERVER") &&
                   (rest.size() == 6 || !isIdentifierByte(rest.at(6)))) {
            result += url;
            *found = true;
            at = dollar + 7;
        } else {
            result += '$';
            at = dollar + 1;
        }
    }
    result += QByteArrayView(script).sliced(at);
    return result;
}

} // namespace Cairn
