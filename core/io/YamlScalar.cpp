#include "YamlScalar.h"

#include <QRegularExpression>
#include <QStringList>

namespace Cairn::YamlScalar {

namespace {

bool isNullWord(const QString &text)
{
    return text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL";
}

} // namespace

QJsonValue read(const QString &text, bool quoted)
{
    static const QStringList trueWords = {QStringLiteral("true"), QStringLiteral("True"),
                                          QStringLiteral("TRUE"), QStringLiteral("yes"),
                                          QStringLiteral("Yes"),  QStringLiteral("on")};
    static const QStringList falseWords = {QStringLiteral("false"), QStringLiteral("False"),
                                           QStringLiteral("FALSE"), QStringLiteral("no"),
                                           QStringLiteral("No"),    QStringLiteral("off")};
    static const QRegularExpression integer(QStringLiteral("^[-+]?\\d+$"));
    static const QRegularExpression real(
        QStringLiteral("^[-+]?(\\d+\\.\\d*|\\.\\d+)([eE][-+]?\\d+)?$"));
    if (quoted)
        return text;
    if (isNullWord(text))
        return QJsonValue::Null;
    if (trueWords.contains(text))
        return true;
    if (falseWords.contains(text))
        return false;
    if (integer.match(text).hasMatch()) {
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (ok)
            return value;
    }
    if (real.match(text).hasMatch())
        return text.toDouble();
    return text;
}

bool readsBackPlain(const QString &text)
{
    // Words YAML 1.1 readers other than ours take for booleans, and numbers in other notations,
    // are quoted too, so that the file means the same to every reader.
    static const QRegularExpression otherReaders(
        QStringLiteral("^(y|Y|n|N|yes|YES|no|NO|on|On|ON|off|Off|OFF|\\.inf|\\.nan|[-+.0-9].*)$"));
    return read(text, false) == QJsonValue(text) && !otherReaders.match(text).hasMatch();
}

} // namespace Cairn::YamlScalar
