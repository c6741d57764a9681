#pragma once

#include "Machine.h"

#include <QStringList>

namespace Cairn {

// The state actions of seed 001 (2.9-2.15) and which machine states allow them.
class MachineActions
{
public:
    static const QStringList &all();
    // What the machine's state allows now; a locked machine only unlock, a machine whose
    // hypervisor cannot be reached nothing.
    static QStringList availableFor(const Machine &machine);
};

} // namespace Cairn
