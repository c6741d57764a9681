#pragma once

#include <QJsonArray>
#include <QString>

namespace Cairn {

// The parts of a libvirt domain definition Cairn shows: its network interfaces and disks.
class DomainXml
{
public:
    // [{mac, network, type, model}]: `network` is the source network or bridge.
    static QJsonArray interfaces(const QString &xml);
    // [{device, target, source, type}]: `source` is the file, block device or volume.
    static QJsonArray disks(const QString &xml);
};

} // namespace Cairn
