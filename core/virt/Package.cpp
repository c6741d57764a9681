#include "Package.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject Package::toJson() const
{
    return {
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("version"), version},
        {QStringLiteral("virt_class"), virtClass},
        {QStringLiteral("vcpus"), manifest.value(QStringLiteral("vcpus"))},
        {QStringLiteral("memory"), manifest.value(QStringLiteral("memory"))},
        {QStringLiteral("disks"), manifest.value(QStringLiteral("disks"))},
        {QStringLiteral("state"), state},
        {QStringLiteral("size"), size},
        {QStringLiteral("sha1"), sha1},
        {QStringLiteral("feed"), feedUuid.isEmpty() ? QJsonValue() : QJsonValue(feedUuid)},
        {QStringLiteral("created"), isoTimestamp(createdAt)},
    };
}

} // namespace Cairn
