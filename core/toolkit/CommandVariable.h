#pragma once

#include <QJsonObject>
#include <QStringList>

namespace Cairn {

// A `<name>` placeholder of a command, with the type its values are checked against:
// text (anything on one line), interface (one of the device's), vlan (1-4094), vlan_name,
// ip (an address, which must be one of the device's when it has any).
struct CommandVariable
{
    QString name;
    QString displayName;
    QString type = QStringLiteral("text");
    bool required = true;
    QString helpText;
    QString defaultValue;

    static const QStringList Types;

    QJsonObject toJson() const;
};

} // namespace Cairn
