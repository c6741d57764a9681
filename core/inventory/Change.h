#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

// One mutation in the change log: who, when, what, and the object as it was left.
struct Change
{
    qint64 id = 0;
    std::optional<qint64> siteId;
    std::optional<qint64> userId;
    QString userEmail;
    qint64 changeAt = 0; // seconds since the epoch, as NSoT reports it
    QString event;       // Create, Update, Delete
    QString resourceName;
    qint64 resourceId = 0;
    QJsonObject resource;

    QJsonObject toJson() const;
};

} // namespace Cairn
