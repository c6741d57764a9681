#include "JoinTable.h"

#include "SqlQuery.h"

#include <QSqlQuery>
#include <QVariant>

namespace Cairn::JoinTable {

Result<QHash<qint64, QList<qint64>>> members(const QSqlDatabase &db, const QString &table,
                                             const QString &ownerColumn,
                                             const QString &memberColumn,
                                             const QList<qint64> &ownerIds)
{
    QHash<qint64, QList<qint64>> members;
    if (ownerIds.isEmpty())
        return members;
    const auto [condition, ids] = SqlQuery::inIds(db, ownerColumn, ownerIds);
    Result<QSqlQuery> query = SqlQuery::run(db,
                                            QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4")
                                                .arg(ownerColumn, memberColumn, table, condition),
                                            {ids});
    if (!query)
        return query.error();
    while (query->next())
        members[query->value(0).toLongLong()] << query->value(1).toLongLong();
    return members;
}

Result<void> replace(const QSqlDatabase &db, const QString &table, const QString &ownerColumn,
                     const QString &memberColumn, qint64 ownerId, const QList<qint64> &ids)
{
    Result<void> cleared = SqlQuery::exec(
        db, QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, ownerColumn), {ownerId});
    if (!cleared)
        return cleared;
    for (const qint64 id : ids) {
        Result<void> added = SqlQuery::exec(
            db,
            QStringLiteral("INSERT INTO %1 (%2, %3) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .arg(table, ownerColumn, memberColumn),
            {ownerId, id});
        if (!added)
            return added;
    }
    return {};
}

} // namespace Cairn::JoinTable
