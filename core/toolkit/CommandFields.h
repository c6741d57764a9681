#pragma once

#include "Command.h"
#include "Result.h"

#include <QJsonObject>

namespace Cairn {

// A command as a request body describes it, checked field by field; errors name the field.
namespace CommandFields {

// `current` with `fields` applied: every field when `partial` is false (name and command
// required), only those present otherwise. Checks the result as a whole too: each `<name>` in
// the text is a declared variable and each variable is used.
Result<Command> apply(const Command &current, const QJsonObject &fields, bool partial);

} // namespace CommandFields

} // namespace Cairn
