#include "Hypervisor.h"

#include "JsonTime.h"

namespace Cairn {

QJsonObject Hypervisor::toJson() const
{
    return {
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("name"), name},
        {QStringLiteral("uri"), uri},
        {QStringLiteral("virt_class"), virtClass},
        {QStringLiteral("state"), state},
        {QStringLiteral("capacity"), QJsonObject{{QStringLiteral("cpus"), cpus},
                                                 {QStringLiteral("memory"), memoryKib},
                                                 {QStringLiteral("free_memory"), freeMemoryKib}}},
        {QStringLiteral("last_error"), lastError},
        {QStringLiteral("synced"), isoTimestamp(syncedAt)},
    };
}

} // namespace Cairn
