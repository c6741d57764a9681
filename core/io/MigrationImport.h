#pragma once

#include "MigrationType.h"
#include "Result.h"
#include "auth/Identity.h"
#include "jobs/Progress.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Cairn {

class CoreServices;

// Reads a migration project back (see MigrationExport): every file is read through once first,
// so that a file that does not parse is reported before anything changes; then, in one
// transaction, the types in the catalog's order, each object created or updated by name, in
// two passes where objects of a type name each other (an interface its parent). One refused object
// and nothing is imported: the report names each refused object, its file and line.
class MigrationImport
{
public:
    struct Options
    {
        QString name;
        QStringList types;
        bool emptyFirst = false;
        QString passphrase;
    };
    struct Report
    {
        // Objects imported per type.
        QJsonObject counts;
        // What was refused; when any was, nothing was imported.
        QList<MigrationProblem> problems;

        // Why nothing was imported, when problems say so.
        QString alert() const;
        QJsonArray failures() const;
    };

    explicit MigrationImport(CoreServices &core)
        : m_core(core)
    {
    }

    // Superusers only. An error for what stops the import as a whole (no such project, a file
    // that does not parse, a wrong passphrase); a report with problems for refused objects.
    // Asked to stop (through `progress`), it stops between two types and imports nothing.
    Result<Report> run(const Identity &caller, const Options &options,
                       const Progress &progress = {});

    // Problems reported at most; the import stops at the first type with any.
    static constexpr int MaxProblems = 1000;

private:
    CoreServices &m_core;
};

} // namespace Cairn
