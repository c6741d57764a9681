#include "VmFeed.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject VmFeed::toJson() const
{
    return {
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("url"), url},
        {QStringLiteral("title"), title},
        {QStringLiteral("last_error"), lastError},
        {QStringLiteral("refreshed"),
         isoTimestamp(refreshedAt ? std::optional<qint64>(refreshedAt) : std::nullopt)},
    };
}

} // namespace Cairn
