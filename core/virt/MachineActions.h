#pragma once

#include "Machine.h"

#include <QStringList>

namespace Cairn {

// The state actions of seed 001 (2.9-2.15) and which machine states allow them.
class MachineActions
{
public:
    // unlock and the actions that change the domain's state.
    static const QStringList &all();
    // The latter: suspend, resume, shutdown, poweroff, reboot and create.
    static QStringList stateActions();
    // What the machine's state allows now; a locked machine only unlock, a machine whose
    // hypervisor cannot be reached nothing.
    static QStringList availableFor(const Machine &machine);
};

} // namespace Cairn
