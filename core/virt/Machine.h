#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Cairn {

// A virtual machine (a libvirt domain) as last synchronised from its hypervisor.
struct Machine
{
    qint64 id = 0;
    QString uuid;
    qint64 hypervisorId = 0;
    QString hypervisorUuid;
    QString name;
    // libvirt's state (running, paused, shutoff, ...), or unknown while the hypervisor cannot
    // be reached.
    QString state;
    int vcpus = 0;
    qint64 memoryKib = 0;
    QJsonArray interfaces;
    QJsonArray disks;
    bool persistent = false;
    // Adopted into Cairn (the manage action) rather than only seen on a hypervisor.
    bool managed = false;
    // Refuses actions until unlocked.
    bool locked = false;
    qint64 syncedAt = 0;
    // The uuids of the clusters it is in.
    QStringList clusters;

    // {uuid, name, state, hypervisor, clusters, vcpus, memory (KiB), interfaces, disks,
    // persistent, managed, locked, synced}.
    QJsonObject toJson() const;
};

} // namespace Cairn
