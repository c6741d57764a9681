#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

// An eNMS link: an edge of the topology between two inventory devices.
struct Link
{
    qint64 id = 0;
    QString name;
    qint64 sourceId = 0;
    qint64 destinationId = 0;
    // The endpoints' hostnames, read with the link.
    QString sourceName;
    QString destinationName;
    QString color;
    QString description;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // The NSoT circuit that is the same edge (same name), with its interfaces. A circuit no
    // link names is a link of its own, with id 0, until eNMS saves it.
    std::optional<qint64> circuitId;
    QString sourceInterface;
    QString destinationInterface;

    // As eNMS shows it: relations by name (`source_name`, `destination_name`).
    QJsonObject toJson() const;
};

} // namespace Cairn
