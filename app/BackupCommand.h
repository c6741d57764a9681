#pragma once

#include <QStringList>

namespace Cairn {

// `cairn backup FILE`: the database (SQLite) and the data directory in one archive, taken
// while the server runs (DataBackup).
class BackupCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
