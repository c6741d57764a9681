#pragma once

#include "Command.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>

namespace Cairn {

// What the inventory knows of the device a command runs on, to check values against.
struct DeviceFacts
{
    QStringList interfaces;
    // Host addresses of the device (its management address and its interfaces'), no prefix.
    QStringList addresses;
    // What a value may hold on the device's platform (PlatformProfile::textValue).
    QRegularExpression textValue;
    // The platform runs commands through a shell (exec channels): values are quoted words.
    bool shell = false;
};

// The values of a command's variables for one execution: each given value checked against
// its type and the device, defaults filled in for optional ones left out.
class VariableValues
{
public:
    // Values by name, or the problems by variable name (empty when there are none).
    static QHash<QString, QString> resolve(const Command &command, const QJsonObject &given,
                                           const DeviceFacts &facts, QJsonObject *problems);
    // What may be chosen for each variable on this device: interfaces, addresses; null for
    // free text. {name: {type, choices, help_text, default_value}}.
    static QJsonObject choices(const Command &command, const DeviceFacts &facts);

private:
    static QString problemWith(const CommandVariable &variable, const QString &value,
                               const DeviceFacts &facts);
};

} // namespace Cairn
