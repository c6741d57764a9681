#include "Link.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject Link::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("source_name"), sourceName},
        {QStringLiteral("destination_name"), destinationName},
        {QStringLiteral("color"), color},
        {QStringLiteral("description"), description},
        {QStringLiteral("created"), isoTimestamp(createdAt)},
        {QStringLiteral("updated"), isoTimestamp(updatedAt)},
        {QStringLiteral("circuit"), circuitId ? QJsonValue(*circuitId) : QJsonValue()},
        {QStringLiteral("source_interface"), sourceInterface},
        {QStringLiteral("destination_interface"), destinationInterface},
    };
}

} // namespace Cairn
