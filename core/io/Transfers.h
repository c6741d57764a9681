#pragma once

#include "MigrationExport.h"
#include "MigrationImport.h"
#include "Result.h"
#include "auth/Identity.h"
#include "jobs/Job.h"

#include <QJsonArray>
#include <QString>

namespace Cairn {

class CoreServices;

// Topology spreadsheets and migration projects moved in and out as jobs (with progress, a
// cancel that changes nothing, and never on a listener thread), and the files there are: what
// the native API and the GUI use. What can be refused at once (rights, names, a missing
// project) is, before any job starts.
class Transfers
{
public:
    explicit Transfers(CoreServices &core)
        : m_core(core)
    {
    }

    static inline const QString TopologyExportKind = QStringLiteral("topology_export");
    static inline const QString TopologyImportKind = QStringLiteral("topology_import");
    static inline const QString MigrationExportKind = QStringLiteral("migration_export");
    static inline const QString MigrationImportKind = QStringLiteral("migration_import");

    // Writes `spreadsheets/<name>.xlsx`; the job's result: {file, download, devices, links}.
    Result<Job> exportTopology(const Identity &caller, const QString &name);
    // Imports the stored upload at `upload` (TopologyFiles::storeUpload), which is removed once
    // the job has ended (or at once, when none starts); `fileName` as it was sent. The job's
    // result: TopologyImport::Report's JSON.
    Result<Job> importTopology(const Identity &caller, const QString &upload,
                               const QString &fileName, bool replace);
    // The job's result: {folder, counts, left_out}.
    Result<Job> exportMigration(const Identity &caller, const MigrationExport::Options &options);
    // The job's result: {counts}; refused objects fail it with `failures` in its error fields.
    Result<Job> importMigration(const Identity &caller, const MigrationImport::Options &options);

    // What is there to download or import, for a superuser: TopologyFiles::listed(), the path
    // of one exported spreadsheet, MigrationProject::listed().
    Result<QJsonArray> spreadsheets(const Identity &caller);
    Result<QString> spreadsheet(const Identity &caller, const QString &name);
    Result<QJsonArray> migrationProjects(const Identity &caller);

private:
    CoreServices &m_core;
};

} // namespace Cairn
