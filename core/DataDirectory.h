#pragma once

#include "Result.h"

#include <QString>

namespace Cairn {

// The server's data directory holds its key, its database and the machines' disks: only its
// owner may enter it. Created 0700; an existing one is narrowed to 0700 (a version before this
// one left it as the umask said).
class DataDirectory
{
public:
    static Result<void> prepare(const QString &path);
};

} // namespace Cairn
