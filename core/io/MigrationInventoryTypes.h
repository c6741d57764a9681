#pragma once

#include "MigrationType.h"
#include "auth/Identity.h"

namespace Cairn {

class CoreServices;

// The source of truth's types of a migration project, as NSoT shows them but with relations by
// name: site, attribute (definitions), network (with its state: allocated, assigned, reserved),
// interface (with its addresses and parent). Saved as `caller`.
QList<MigrationType> migrationInventoryTypes(CoreServices &core, const Identity &caller);

} // namespace Cairn
