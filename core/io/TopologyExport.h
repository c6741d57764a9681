#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "jobs/Progress.h"

#include <QString>

namespace Cairn {

class CoreServices;

// The topology as a spreadsheet others can edit and give back: sheet `device` (name, site, the
// standard properties, then each custom property, sorted) and sheet `link` (name, endpoints by
// device name, color, description), one object a row, ordered by name so that two exports
// compare row by row. What TopologyImport reads back, unchanged.
class TopologyExport
{
public:
    explicit TopologyExport(CoreServices &core)
        : m_core(core)
    {
    }

    struct Written
    {
        int devices = 0;
        int links = 0;
    };
    // Writes the .xlsx file at `path`. Superusers only: the file holds every device. Asked to
    // stop (through `progress`), it leaves no file behind.
    Result<Written> write(const Identity &caller, const QString &path,
                          const Progress &progress = {});

private:
    CoreServices &m_core;
};

} // namespace Cairn
