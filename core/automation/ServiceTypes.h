#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QStringList>

namespace Cairn::ServiceTypes {

// The service types (command_service, backup_service, ping_service, rest_call_service,
// data_extraction_service, template_service, workflow); eNMS's names (netmiko_commands_service,
// netmiko_backup_service) are accepted for them.
QStringList names();
// The type `name` stands for (an alias read as its type); empty when none.
QString canonical(const QString &name);
// Whether the type logs in to devices with a credential set (commands and backups).
bool logsIn(const QString &type);
// Whether `field` is a setting of the type or one every service has.
bool hasSetting(const QString &type, const QString &field);
// The secret setting of the type (a REST call's `password`), sealed rather than stored; empty
// when it has none.
QString secretOf(const QString &type);

// `current` (a service's settings, or {} for a new one) with the settings `given` changes,
// each checked (a 400 names the field: its kind, its choices, its bounds), defaults filled in.
// Keys that are not settings (name, type, devices...) are left to the caller.
Result<QJsonObject> apply(const QString &type, const QJsonObject &current,
                          const QJsonObject &given);

} // namespace Cairn::ServiceTypes
