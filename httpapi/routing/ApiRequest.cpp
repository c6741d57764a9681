#include "ApiRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Cairn {

Result<QJsonValue> ApiRequest::jsonBody() const
{
    if (http.body.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(http.body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error::badRequest(QStringLiteral("JSON parse error - %1 at offset %2")
                                     .arg(error.errorString())
                                     .arg(error.offset));
    if (document.isArray())
        return QJsonValue(document.array());
    return QJsonValue(document.object());
}

Result<QJsonObject> ApiRequest::bodyObject() const
{
    if (http.header("content-type").startsWith("application/x-www-form-urlencoded")) {
        QJsonObject fields;
        const QUrlQuery form(
            QString::fromUtf8(http.body).replace(QLatin1Char('+'), QLatin1Char(' ')));
        for (const auto &[name, value] : form.queryItems(QUrl::FullyDecoded))
            fields.insert(name, value);
        return fields;
    }
    const Result<QJsonValue> body = jsonBody();
    if (!body)
        return body.error();
    if (body->isNull())
        return QJsonObject();
    if (!body->isObject())
        return Error::badRequest(QStringLiteral("Expected a JSON object."));
    return body->toObject();
}

bool ApiRequest::queryFlag(const QString &name) const
{
    return queryBool(name).value_or(false);
}

std::optional<bool> ApiRequest::queryBool(const QString &name) const
{
    if (!http.query.hasQueryItem(name))
        return std::nullopt;
    const QString value = http.queryValue(name).toLower();
    return value.isEmpty() || value == QLatin1String("true") || value == QLatin1String("yes") ||
           value == QLatin1String("on") || value == QLatin1String("1");
}

QString ApiRequest::baseUrl() const
{
    const QByteArray host = http.header("host");
    return QStringLiteral("http://") + QString::fromLatin1(host.isEmpty() ? "localhost" : host);
}

} // namespace Cairn
