#pragma once

#include "Result.h"

namespace Cairn {

// Prints why a subcommand's operation failed ("cairn: <message> (field: reason)") on standard
// error and returns the exit code for it.
int reportFailure(const Error &error);

} // namespace Cairn
