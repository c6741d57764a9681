#include "ResultValidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Cairn::ResultValidation {

namespace {

QString textOf(const QJsonValue &result)
{
    if (result.isString())
        return result.toString();
    const QJsonDocument document =
        result.isArray() ? QJsonDocument(result.toArray()) : QJsonDocument(result.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

} // namespace

Result<bool> passes(const QJsonObject &settings, const QJsonValue &result)
{
    const QString match = settings.value(QLatin1String("content_match")).toString();
    if (match.isEmpty())
        return true;
    const QString text = textOf(result);
    bool found = false;
    if (settings.value(QLatin1String("content_match_regex")).toBool()) {
        const QRegularExpression pattern(match, QRegularExpression::MultilineOption);
        if (!pattern.isValid())
            return Error::invalidField(QStringLiteral("content_match"),
                                       QStringLiteral("Not a valid regular expression."));
        found = pattern.match(text).hasMatch();
    } else {
        found = text.contains(match);
    }
    return found != settings.value(QLatin1String("negative_logic")).toBool();
}

} // namespace Cairn::ResultValidation
