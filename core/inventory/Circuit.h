#pragma once

#include <QJsonObject>
#include <optional>

namespace Cairn {

// A link between two interfaces (the Z side may be unknown, e.g. an uplink to a provider).
struct Circuit
{
    qint64 id = 0;
    qint64 siteId = 0;
    QString name;
    qint64 endpointA = 0;
    std::optional<qint64> endpointZ;
    // The endpoints' name_slugs, as NSoT shows them.
    QString endpointASlug;
    QString endpointZSlug;
    QJsonObject attributes;

    // NSoT's natural key: the name with '/' made '_'.
    QString nameSlug() const { return QString(name).replace(QLatin1Char('/'), QLatin1Char('_')); }
    QJsonObject toJson() const;
};

} // namespace Cairn
