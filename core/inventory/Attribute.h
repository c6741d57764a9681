#pragma once

#include <QJsonObject>
#include <QStringList>

namespace Cairn {

// The definition of an attribute a resource type may carry in a site, with its constraints.
struct Attribute
{
    qint64 id = 0;
    qint64 siteId = 0;
    QString resourceName; // Device, Network, Interface, Circuit, Protocol
    QString name;
    QString description;
    bool required = false;
    bool display = false;
    bool multi = false;
    bool allowEmpty = false;
    QString pattern;
    QStringList validValues;

    // NSoT's shape: constraints nested under "constraints".
    QJsonObject toJson() const;

    static const QStringList ResourceNames;
};

} // namespace Cairn
