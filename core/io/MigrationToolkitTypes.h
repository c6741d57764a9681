#pragma once

#include "MigrationType.h"
#include "auth/Identity.h"

namespace Cairn {

class CoreServices;

// The toolkit's types of a migration project: command (approved commands with their
// variables) and credential (each operator's sets with their pools, by owner; their secrets
// and token only under a passphrase, so without one they stay behind).
QList<MigrationType> migrationToolkitTypes(CoreServices &core, const Identity &caller);

} // namespace Cairn
