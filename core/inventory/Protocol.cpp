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

QJsonObject Protocol::snapshot() const
{
    QJsonObject json = toJson();
    json.remove(QStringLiteral("auth_string"));
    return json;
}

} // namespace Cairn
