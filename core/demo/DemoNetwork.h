#pragma once

#include "Result.h"

#include <QString>

namespace Cairn {

class CoreServices;

// The demonstration network `cairn serve --demo` loads (resources/demo/): two sites, a dozen
// devices with attributes, their networks, interfaces with addresses, the links between them as
// circuits, a command catalogue and a ZTP neighbordb, so that every face and the GUI have
// something to show. Written through the services, as a user's requests would be: validated, with
// permissions and the change log, each step all or nothing.
class DemoNetwork
{
public:
    // Loads it unless its first site already exists (a restart with --demo changes nothing);
    // returns what was done, for the log. As a `demo` user made for it, whose random password
    // nobody knows; the change log names it.
    static Result<QString> load(CoreServices &core);
};

} // namespace Cairn
