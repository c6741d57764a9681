#include "MigrationCatalog.h"

#include "MigrationAccountTypes.h"
#include "MigrationAutomationTypes.h"
#include "MigrationInventoryTypes.h"
#include "MigrationRoutingTypes.h"
#include "MigrationToolkitTypes.h"
#include "db/SqlQuery.h"
#include "inventory/ChangeLog.h"

namespace Cairn {

const QStringList &MigrationCatalog::names()
{
    static const QStringList order{
        QStringLiteral("user"),      QStringLiteral("group"),      QStringLiteral("site"),
        QStringLiteral("attribute"), QStringLiteral("device"),     QStringLiteral("network"),
        QStringLiteral("interface"), QStringLiteral("circuit"),    QStringLiteral("protocol_type"),
        QStringLiteral("protocol"),  QStringLiteral("link"),       QStringLiteral("pool"),
        QStringLiteral("command"),   QStringLiteral("credential"), QStringLiteral("service"),
        QStringLiteral("task")};
    return order;
}

QList<MigrationType> MigrationCatalog::types(CoreServices &core, const Identity &caller)
{
    const QList<MigrationType> all =
        migrationAccountTypes(core, caller) + migrationInventoryTypes(core, caller) +
        migrationRoutingTypes(core, caller) + migrationAutomationTypes(core, caller) +
        migrationToolkitTypes(core, caller);
    QList<MigrationType> ordered;
    for (const QString &name : names()) {
        for (const MigrationType &type : all) {
            if (type.name == name)
                ordered.append(type);
        }
    }
    return ordered;
}

Result<QStringList> MigrationCatalog::chosen(const QStringList &wanted, const QString &field)
{
    for (const QString &type : wanted) {
        if (!names().contains(type))
            return Error::invalidField(field, QStringLiteral("%1 is not a type of a migration "
                                                             "project; those are %2.")
                                                  .arg(type, names().join(QLatin1String(", "))));
    }
    if (wanted.isEmpty())
        return names();
    QStringList ordered;
    for (const QString &name : names()) {
        if (wanted.contains(name))
            ordered.append(name);
    }
    return ordered;
}

Result<void> MigrationCatalog::empty(const QSqlDatabase &db, const QStringList &types)
{
    // Each type's statements; what its rows own goes with them (ON DELETE CASCADE), and the
    // attribute values, which point at their resource by name and id, go by resource. Users
    // and groups are never emptied: the import's own caller is a user, and grants (which a
    // project does not carry) go with their holders.
    static const QList<QPair<QString, QStringList>> statements{
        {QStringLiteral("task"), {QStringLiteral("DELETE FROM tasks")}},
        {QStringLiteral("service"), {QStringLiteral("DELETE FROM services")}},
        {QStringLiteral("credential"), {QStringLiteral("DELETE FROM toolkit_credential_sets")}},
        {QStringLiteral("command"), {QStringLiteral("DELETE FROM toolkit_commands")}},
        {QStringLiteral("pool"), {QStringLiteral("DELETE FROM pools")}},
        {QStringLiteral("link"), {QStringLiteral("DELETE FROM links")}},
        {QStringLiteral("protocol"),
         {QStringLiteral("DELETE FROM attribute_values WHERE resource_name = 'Protocol'"),
          QStringLiteral("DELETE FROM protocols")}},
        {QStringLiteral("protocol_type"), {QStringLiteral("DELETE FROM protocol_types")}},
        {QStringLiteral("circuit"),
         {QStringLiteral("DELETE FROM attribute_values WHERE resource_name = 'Circuit'"),
          QStringLiteral("DELETE FROM circuits")}},
        {QStringLiteral("interface"),
         {QStringLiteral("DELETE FROM attribute_values WHERE resource_name = 'Interface'"),
          QStringLiteral("DELETE FROM interfaces")}},
        {QStringLiteral("network"),
         {QStringLiteral("DELETE FROM attribute_values WHERE resource_name = 'Network'"),
          QStringLiteral("DELETE FROM networks")}},
        {QStringLiteral("device"),
         {QStringLiteral("DELETE FROM attribute_values WHERE resource_name IN "
                         "('Device', 'Interface', 'Protocol')"),
          QStringLiteral("DELETE FROM devices")}},
        {QStringLiteral("attribute"), {QStringLiteral("DELETE FROM attributes")}},
        {QStringLiteral("site"), {QStringLiteral("DELETE FROM sites")}}};
    // Protocols let go of an interface or circuit deleted under them (ON DELETE SET NULL), so
    // emptying those alone would quietly move protocols the project keeps elsewhere.
    for (const QString &held : {QStringLiteral("interface"), QStringLiteral("circuit")}) {
        if (!types.contains(held) || types.contains(QStringLiteral("protocol")))
            continue;
        const Result<QVariant> holders = SqlQuery::scalar(
            db, QStringLiteral("SELECT COUNT(*) FROM protocols WHERE %1_id IS NOT NULL").arg(held));
        if (!holders)
            return holders.error();
        if (holders->toLongLong() > 0)
            return Error::conflict(QStringLiteral("The %1 objects cannot be emptied without the "
                                                  "protocol ones: protocols run on them.")
                                       .arg(held));
    }
    for (const auto &[type, sql] : statements) {
        if (!types.contains(type))
            continue;
        for (const QString &statement : sql) {
            Result<void> done = SqlQuery::exec(db, statement);
            if (!done && done.error().code != ErrorCode::Conflict)
                return done;
            if (!done)
                return Error::conflict(
                    QStringLiteral("The %1 objects cannot be emptied: others the import does "
                                   "not empty (circuits on their interfaces, virtual networks, "
                                   "attribute values of other types) still use them. Empty "
                                   "those types too, or delete what uses them first.")
                        .arg(type));
        }
    }
    return ChangeLog::bumpVersion(db);
}

} // namespace Cairn
