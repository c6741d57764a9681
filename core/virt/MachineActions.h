#pragma once

#include "Machine.h"

#include <QStringList>

namespace Cairn {

// The actions of seed 001 (2.9-2.20) and which machine states allow them.
class MachineActions
{
public:
    // unlock and the actions that change the domain's state.
    static const QStringList &all();
    // The latter: suspend, resume, shutdown, poweroff, reboot and create.
    static QStringList stateActions();
    // Every action the machine's state allows now: the state actions, store_xml, manage (until
    // managed), package (shut off), totaldelete and provision (which makes a new machine from a
    // package). A locked machine only unlock, a machine whose hypervisor cannot be reached
    // nothing.
    static QStringList availableFor(const Machine &machine);
};

} // namespace Cairn
