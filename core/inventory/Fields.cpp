#include "Fields.h"

#include <QRegularExpression>

namespace Cairn::Fields {

Error required(const QString &field)
{
    return Error::invalidField(field, QStringLiteral("This field is required."));
}

Result<void> onlyKnown(const QJsonObject &fields, const QStringList &known, const QString &prefix)
{
    QJsonObject unknown;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!known.contains(it.key()))
            unknown.insert(prefix + it.key(), QStringLiteral("Unknown field; expected one of: %1.")
                                                  .arg(known.join(QLatin1String(", "))));
    }
    if (unknown.isEmpty())
        return {};
    return Error::badRequest(
        QStringLiteral("Unknown fields: %1.").arg(unknown.keys().join(QLatin1String(", "))),
        unknown);
}

Result<QString> text(const QJsonObject &fields, const QString &name, int maxLength)
{
    const QJsonValue value = fields.value(name);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return Error::invalidField(name, QStringLiteral("Not a valid string."));
    if (value.toString().size() > maxLength)
        return Error::invalidField(
            name,
            QStringLiteral("Ensure this field has no more than %1 characters.").arg(maxLength));
    return value.toString();
}

Result<QString> requiredText(const QJsonObject &fields, const QString &name, int maxLength)
{
    Result<QString> value = text(fields, name, maxLength);
    if (value && value->trimmed().isEmpty())
        return required(name);
    return value;
}

Result<std::optional<qint64>> integer(const QJsonObject &fields, const QString &name)
{
    static const QRegularExpression digits(QStringLiteral("^-?[0-9]{1,18}$"));
    const QJsonValue value = fields.value(name);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    if (value.isDouble() && value.toDouble() == double(qint64(value.toDouble())))
        return std::optional<qint64>(qint64(value.toDouble()));
    if (value.isString() && digits.match(value.toString()).hasMatch())
        return std::optional<qint64>(value.toString().toLongLong());
    return Error::invalidField(name, QStringLiteral("A valid integer is required."));
}

Result<QString> reference(const QJsonObject &fields, const QString &name)
{
    const QJsonValue value = fields.value(name);
    if (value.isDouble() && value.toDouble() == double(qint64(value.toDouble())))
        return QString::number(qint64(value.toDouble()));
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    if (value.isUndefined() || value.isNull())
        return required(name);
    return Error::invalidField(name, QStringLiteral("Expected an id or a name."));
}

} // namespace Cairn::Fields
