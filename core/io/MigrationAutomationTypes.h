#pragma once

#include "MigrationType.h"
#include "auth/Identity.h"

namespace Cairn {

class CoreServices;

// The automation engine's and the toolkit's types of a migration project, as eNMS shows them
// (relations by name): device, link, pool, command, credential, service, task. Saved as
// `caller`, credential sets as their owners.
QList<MigrationType> migrationAutomationTypes(CoreServices &core, const Identity &caller);

} // namespace Cairn
