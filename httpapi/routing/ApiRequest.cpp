#include "ApiRequest.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Cairn {

namespace {

// A form field's text as the JSON type the schema gives it; text that is not of that type stays
// text, for the validation that follows to name the field.
QJsonValue typed(const QString &text, const QString &type)
{
    if (type == u"integer") {
        bool ok = false;
        const qint64 number = text.toLongLong(&ok);
        return ok ? QJsonValue(number) : QJsonValue(text);
    }
    if (type == u"number") {
        bool ok = false;
        const double number = text.toDouble(&ok);
        return ok && qIsFinite(number) ? QJsonValue(number) : QJsonValue(text);
    }
    if (type == u"boolean") {
        const QString lower = text.toLower();
        if (lower == u"true" || lower == u"on" || lower == u"1")
            return true;
        if (lower == u"false" || lower == u"off" || lower == u"0")
            return false;
        return text;
    }
    if (type == u"object" || type == u"array") {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (type == u"object" && document.isObject())
            return document.object();
        if (type == u"array" && document.isArray())
            return document.array();
    }
    return text;
}

// As Django's DATA_UPLOAD_MAX_NUMBER_FIELDS: a form is a few fields, not a way to make the
// server build enormous objects.
constexpr qsizetype MaxFormFields = 1000;

Result<QJsonObject> formFields(const QByteArray &body, const QJsonObject *schema)
{
    const QJsonObject properties =
        schema ? schema->value(QStringLiteral("properties")).toObject() : QJsonObject();
    // '+' is a space in forms; it must become one before percent-decoding.
    const QUrlQuery form(QString::fromUtf8(body).replace(QLatin1Char('+'), QLatin1Char(' ')));
    const QList<QPair<QString, QString>> items = form.queryItems(QUrl::FullyDecoded);
    if (items.size() > MaxFormFields)
        return Error::badRequest(
            QStringLiteral("The form has more than %1 fields.").arg(MaxFormFields));
    QHash<QString, QJsonValue> values;
    QHash<QString, QJsonArray> repeated;
    for (const auto &[name, text] : items) {
        const QString type =
            properties.value(name).toObject().value(QStringLiteral("type")).toString();
        if (type == u"array" && !text.trimmed().startsWith(QLatin1Char('[')))
            repeated[name].append(text);
        else
            values.insert(name, typed(text, type));
    }
    QJsonObject fields;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        fields.insert(it.key(), it.value());
    for (auto it = repeated.cbegin(); it != repeated.cend(); ++it)
        fields.insert(it.key(), it.value());
    return fields;
}

} // namespace

Result<QJsonValue> ApiRequest::jsonBody() const
{
    if (http.header("content-type").startsWith("application/x-www-form-urlencoded")) {
        const Result<QJsonObject> fields = formFields(http.body, bodySchema);
        if (!fields)
            return fields.error();
        return QJsonValue(fields.value());
    }
    if (http.body.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(http.body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error::badRequest(
            QStringLiteral("JSON parse error - %1 at offset %2. Send the body as JSON "
                           "(Content-Type: application/json) or as an HTML form "
                           "(application/x-www-form-urlencoded).")
                .arg(error.errorString())
                .arg(error.offset));
    if (document.isArray())
        return QJsonValue(document.array());
    return QJsonValue(document.object());
}

Result<QJsonObject> ApiRequest::bodyObject() const
{
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
