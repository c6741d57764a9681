#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

// A libvirt connection machines run on, as last synchronised.
struct Hypervisor
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QString uri;
    QString virtClass;
    // up, unreachable, or unknown before the first synchronisation.
    QString state;
    int cpus = 0;
    qint64 memoryKib = 0;
    qint64 freeMemoryKib = 0;
    QString lastError;
    // Unset before the first synchronisation that reached the hypervisor.
    std::optional<qint64> syncedAt;

    // {uuid, name, uri, virt_class, state, capacity {cpus, memory, free_memory}, last_error,
    // synced}: memory in KiB, as libvirt counts it.
    QJsonObject toJson() const;
};

} // namespace Cairn
