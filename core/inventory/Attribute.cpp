#include "Attribute.h"

#include <QJsonArray>

namespace Cairn {

const QStringList Attribute::ResourceNames{QStringLiteral("Device"), QStringLiteral("Network"),
                                           QStringLiteral("Interface"), QStringLiteral("Circuit"),
                                           QStringLiteral("Protocol")};

QJsonObject Attribute::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("site_id"), siteId},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("resource_name"), resourceName},
        {QStringLiteral("required"), required},
        {QStringLiteral("display"), display},
        {QStringLiteral("multi"), multi},
        {QStringLiteral("constraints"),
         QJsonObject{{QStringLiteral("allow_empty"), allowEmpty},
                     {QStringLiteral("pattern"), pattern},
                     {QStringLiteral("valid_values"), QJsonArray::fromStringList(validValues)}}},
    };
}

} // namespace Cairn
