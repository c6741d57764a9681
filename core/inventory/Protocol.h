#pragma once

#include <QJsonObject>
#include <optional>

namespace Cairn {

// A routing protocol (of a protocol type) running on a device, optionally on one of its
// interfaces or over a circuit that ends on it.
struct Protocol
{
    qint64 id = 0;
    qint64 siteId = 0;
    qint64 typeId = 0;
    QString typeName;
    qint64 deviceId = 0;
    QString deviceHostname;
    std::optional<qint64> interfaceId;
    QString interfaceSlug;
    std::optional<qint64> circuitId;
    QString circuitSlug;
    QString description;
    // A shared secret (an MD5 key): sealed at rest, shown to those who may read the protocol.
    QString authString;
    QJsonObject attributes;

    // NSoT's shape: site, type (name), device (hostname), interface and circuit (name_slugs).
    QJsonObject toJson() const;
    // What the change log keeps: everything but the shared secret (auth_string).
    QJsonObject snapshot() const;
};

} // namespace Cairn
