#pragma once

#include "MigrationType.h"
#include "auth/Identity.h"

namespace Cairn {

class CoreServices;

// Who may use the server, in a migration project: user (username, email, superuser, active;
// the password's hash and the NSoT secret key only under a passphrase) and group (with its
// members by username). An import adds the users and groups that are missing and the members a
// group lacks; it never changes an account that exists here, never removes one, and neither
// type is emptied first (an import would remove the administrator running it). Permissions are
// not carried: they name objects by id.
QList<MigrationType> migrationAccountTypes(CoreServices &core, const Identity &caller);

} // namespace Cairn
