#pragma once

#include "MigrationType.h"
#include "auth/Identity.h"

namespace Cairn {

class CoreServices;

// Who may use the server, in a migration project: user (username, email, superuser, active;
// the password's hash only under a passphrase, sealed with the account's fields so that an
// edited email or flag is refused) and group (with its members by username). An import adds
// the users and groups that are missing and never changes, removes or empties one that exists.
// A user comes in with their email, password and superuser status only from a sealed entry;
// secret keys are never carried (a new one is made); nor are permissions (they name objects by
// id).
QList<MigrationType> migrationAccountTypes(CoreServices &core, const Identity &caller);

} // namespace Cairn
