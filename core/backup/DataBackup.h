#pragma once

#include "Result.h"
#include "db/DatabaseConfig.h"

#include <QString>
#include <QStringList>

namespace Cairn {

// `cairn backup FILE`: the server's data in one archive (BackupLayout), taken while it runs.
// SQLite's database goes in as a snapshot (VACUUM INTO: one read transaction, so every write
// is either wholly in or wholly out), then every file of the data directory: the server key,
// ZTP files, spreadsheets, migration projects, configuration histories. A PostgreSQL database
// is pg_dump's to copy; its nodes' data directory is still taken.
class DataBackup
{
public:
    struct Options
    {
        QString dataDir;
        DatabaseConfig database;
        // Top-level folders of the data directory left out (disk images kept elsewhere).
        QStringList excludedFolders;
    };
    struct Summary
    {
        qint64 databaseBytes = -1; // -1: not in the archive (PostgreSQL)
        qint64 files = 0;
        qint64 fileBytes = 0;
        // Symbolic links and special files, which a backup does not follow, and files it could
        // not read by name (gone while it ran, or named in bytes that are not UTF-8).
        QStringList skipped;
    };

    // Writes the archive to `target` (readable by its owner only: it holds the server key),
    // through a temporary name, so a failed backup never leaves a partial archive there.
    static Result<Summary> write(const Options &options, const QString &target);
};

} // namespace Cairn
