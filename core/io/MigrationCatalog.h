#pragma once

#include "MigrationType.h"
#include "Result.h"
#include "auth/Identity.h"

#include <QSqlDatabase>

namespace Cairn {

class CoreServices;

// Every type a migration project holds, in the order an import saves them: each after those
// it names (an interface after its device, a task after its service).
class MigrationCatalog
{
public:
    static const QStringList &names();
    static QList<MigrationType> types(CoreServices &core, const Identity &caller);
    // `wanted` checked against names() (a 400 on `field` names the first unknown one), in the
    // catalog's order; none wanted is every type.
    static Result<QStringList> chosen(const QStringList &wanted, const QString &field);
    // Deletes every object of `types` (empty_database_before_import), in `db`'s transaction;
    // a 409 when objects the project does not hold (circuits, virtual networks...) still use
    // them.
    static Result<void> empty(const QSqlDatabase &db, const QStringList &types);
};

} // namespace Cairn
