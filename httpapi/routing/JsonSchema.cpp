#include "JsonSchema.h"

#include <QJsonArray>

namespace Cairn::JsonSchema {

QJsonObject ofType(const char *type, const QString &description)
{
    QJsonObject schema{{QStringLiteral("type"), QString::fromLatin1(type)}};
    if (!description.isEmpty())
        schema.insert(QStringLiteral("description"), description);
    return schema;
}

QJsonObject object(const QJsonObject &properties, const QStringList &required)
{
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties}};
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return schema;
}

QJsonObject arrayOf(const QJsonObject &items)
{
    return {{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), items}};
}

QJsonObject text(int maxLength, const QString &description)
{
    QJsonObject schema = ofType("string", description);
    schema.insert(QStringLiteral("maxLength"), maxLength);
    return schema;
}

QJsonObject readOnly(QJsonObject schema)
{
    schema.insert(QStringLiteral("readOnly"), true);
    return schema;
}

QJsonObject requiring(QJsonObject schema, const QStringList &names)
{
    if (schema.value(QStringLiteral("type")).toString() == QLatin1String("array")) {
        schema.insert(QStringLiteral("items"),
                      requiring(schema.value(QStringLiteral("items")).toObject(), names));
        return schema;
    }
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    QJsonArray required = schema.value(QStringLiteral("required")).toArray();
    for (const QString &name : names) {
        if (properties.contains(name) && !required.contains(name))
            required.append(name);
    }
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), required);
    return schema;
}

} // namespace Cairn::JsonSchema
