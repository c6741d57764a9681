#pragma once

#include <QJsonObject>
#include <QString>

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

    // As eNMS shows it: relations by name (`source_name`, `destination_name`).
    QJsonObject toJson() const;
};

} // namespace Cairn
