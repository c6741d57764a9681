#pragma once

#include "Result.h"

#include <QJsonObject>

// Reading the fields of a JSON body the way every inventory service checks them, with errors
// that name the field.
namespace Cairn::Fields {

Error required(const QString &field);
// A string of at most `maxLength` characters; absent or null reads as "".
Result<QString> text(const QJsonObject &fields, const QString &name, int maxLength = 255);
// A whole number (a JSON number without fraction, or a string of digits) or null.
Result<std::optional<qint64>> integer(const QJsonObject &fields, const QString &name);
// An object named by id (a number or a string of digits) or by its natural key (a string).
Result<QString> reference(const QJsonObject &fields, const QString &name);

} // namespace Cairn::Fields
