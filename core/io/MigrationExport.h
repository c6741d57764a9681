#pragma once

#include "Result.h"
#include "auth/Identity.h"

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
    };

    explicit MigrationExport(CoreServices &core)
        : m_core(core)
    {
    }

    // Superusers only: the project holds the whole database.
    Result<Written> write(const Identity &caller, const Options &options);

private:
    CoreServices &m_core;
};

} // namespace Cairn
