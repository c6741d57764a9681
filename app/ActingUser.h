#pragma once

#include "Result.h"
#include "auth/Identity.h"

namespace Cairn {

class CoreServices;

// Whom a command that changes the whole database acts as: the superuser `username` (`--as`),
// or, when none is named, the first superuser made. What they save carries their name, as
// the same save through the API would.
Result<Identity> actingSuperuser(CoreServices &core, const QString &username);

} // namespace Cairn
