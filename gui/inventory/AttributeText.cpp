#include "AttributeText.h"

#include <QJsonArray>
#include <QStringList>

namespace Cairn {

QString AttributeText::of(const QJsonValue &value)
{
    if (!value.isArray())
        return value.toString();
    QStringList values;
    for (const auto &one : value.toArray())
        values << one.toString();
    return values.join(QStringLiteral(", "));
}

} // namespace Cairn
