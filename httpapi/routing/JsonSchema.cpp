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

} // namespace Cairn::JsonSchema
