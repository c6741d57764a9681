#pragma once

#include <QJsonArray>
#include <QString>

namespace Cairn {

// What libvirt says of a host, read on each synchronisation.
struct HostFacts
{
    // The driver in lower case: test, qemu, xen, lxc, ...
    QString virtClass;
    int cpus = 0;
    qint64 memoryKib = 0;
    qint64 freeMemoryKib = 0;
};

// What libvirt says of one domain.
struct DomainFacts
{
    QString uuid;
    QString name;
    // running, blocked, paused, shutdown (shutting down), shutoff, crashed, pmsuspended, nostate.
    QString state;
    int vcpus = 0;
    qint64 memoryKib = 0;
    // [{mac, network, model}] and [{device, target, source, type}] from the domain's XML.
    QJsonArray interfaces;
    QJsonArray disks;
    bool persistent = false;
};

} // namespace Cairn
