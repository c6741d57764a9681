#include "Protocol.h"

namespace Cairn {

QJsonObject Protocol::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("site"), siteId},
        {QStringLiteral("type"), typeName},
        {QStringLiteral("device"), deviceHostname},
        {QStringLiteral("interface"), interfaceId ? QJsonValue(interfaceSlug) : QJsonValue()},
        {QStringLiteral("circuit"), circuitId ? QJsonValue(circuitSlug) : QJsonValue()},
        {QStringLiteral("description"), description},
        {QStringLiteral("auth_string"), authString},
        {QStringLiteral("attributes"), attributes},
    };
}

} // namespace Cairn
