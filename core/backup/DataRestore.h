#pragma once

#include "Result.h"
#include "db/DatabaseConfig.h"

#include <QString>

namespace Cairn {

// `cairn restore FILE`: a backup archive (DataBackup) made the data directory again. Every entry
// is checked against the manifest (name, size, SHA-256) and the database against SQLite's
// integrity check in a folder beside the target, which only then takes the target's place, so a
// damaged or hostile archive changes nothing. A data directory in use is moved aside, never
// deleted, and only when asked to.
class DataRestore
{
public:
    struct Options
    {
        QString dataDir;
        DatabaseConfig database;
        // Move a data directory that holds anything aside to <dataDir>.before-restore-<time>.
        bool replace = false;
    };
    struct Summary
    {
        qint64 databaseBytes = -1; // -1: the archive had none (a PostgreSQL node's)
        qint64 files = 0;
        QString movedAside; // where the replaced data directory went, if one was
        QString created;    // when the backup was taken (ISO 8601)
    };

    static Result<Summary> restore(const QString &archive, const Options &options);
};

} // namespace Cairn
