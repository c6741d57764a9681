#include "Machine.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject Machine::toJson() const
{
    return {
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("name"), name},
        {QStringLiteral("state"), state},
        {QStringLiteral("hypervisor"), hypervisorUuid},
        {QStringLiteral("clusters"), QJsonArray::fromStringList(clusters)},
        {QStringLiteral("vcpus"), vcpus},
        {QStringLiteral("memory"), memoryKib},
        {QStringLiteral("interfaces"), interfaces},
        {QStringLiteral("disks"), disks},
        {QStringLiteral("persistent"), persistent},
        {QStringLiteral("managed"), managed},
        {QStringLiteral("locked"), locked},
        {QStringLiteral("synced"), isoTimestamp(syncedAt)},
    };
}

} // namespace Cairn
