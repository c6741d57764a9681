#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QStringList>

// Reading the fields of a JSON body the way every inventory service checks them, with errors
// that name the field.
namespace Cairn::Fields {

Error required(const QString &field);
// A string of at most `maxLength` characters; absent or null reads as "".
Result<QString> text(const QJsonObject &fields, const QString &name, int maxLength = 255);
// text() that must be there and not blank: absent, null or blank is "required", another type
// is the wrong type (never reported as missing).
Result<QString> requiredText(const QJsonObject &fields, const QString &name, int maxLength = 255);
// A whole number (a JSON number without fraction, or a string of digits) or null.
Result<std::optional<qint64>> integer(const QJsonObject &fields, const QString &name);
// Refuses names in `fields` outside `known`, each named (`prefix` before it, e.g.
// "executions[2]."): a misspelt field must not be run as if absent.
Result<void> onlyKnown(const QJsonObject &fields, const QStringList &known,
                       const QString &prefix = {});
// An object named by id (a number or a string of digits) or by its natural key (a string).
Result<QString> reference(const QJsonObject &fields, const QString &name);

} // namespace Cairn::Fields
