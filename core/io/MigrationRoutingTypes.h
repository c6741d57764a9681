#pragma once

#include "MigrationType.h"
#include "auth/Identity.h"

namespace Cairn {

class CoreServices;

// What ties the source of truth's devices together and what they run, in a migration project:
// circuit (between two interfaces, by name_slug), protocol_type (with its required attributes
// by name) and protocol (on a device, by hostname; its shared secret only under a
// passphrase). Saved as `caller`.
QList<MigrationType> migrationRoutingTypes(CoreServices &core, const Identity &caller);

} // namespace Cairn
