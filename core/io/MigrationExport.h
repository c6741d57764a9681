#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "jobs/Progress.h"

#include <QJsonObject>
#include <QStringList>

namespace Cairn {

class CoreServices;

// Writes a migration project: `migrations/<name>/` with `<type>.yaml` for each type asked and
// `metadata.yaml {version, export_time, types}`, every file in a stable order so that two
// exports compare with `git diff`. Secrets (credential sets, a REST call's password and
// headers) go only with `export_private_properties` and a passphrase, sealed under it; without,
// credential sets stay behind (a set is nothing without its secrets).
class MigrationExport
{
public:
    struct Options
    {
        QString name;
        QStringList types;
        bool privateProperties = false;
        QString passphrase;
    };
    struct Written
    {
        // Objects written per type.
        QJsonObject counts;
        // Types asked for but not written, each with why.
        QStringList leftOut;

        // {counts, left_out}
        QJsonObject toJson() const;
    };

    explicit MigrationExport(CoreServices &core)
        : m_core(core)
    {
    }

    // Superusers only: the project holds the whole database. Asked to stop (through
    // `progress`), it stops after the type it is writing and leaves the project as it was.
    Result<Written> write(const Identity &caller, const Options &options,
                          const Progress &progress = {});

private:
    CoreServices &m_core;
};

} // namespace Cairn
