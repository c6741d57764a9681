#include "ProtocolType.h"

#include <QJsonArray>

namespace Cairn {

QJsonObject ProtocolType::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("required_attributes"), QJsonArray::fromStringList(requiredAttributes)},
        {QStringLiteral("site"), siteId},
    };
}

} // namespace Cairn
