#include "JoinTable.h"

#include "SqlQuery.h"

#include <QSqlQuery>
#include <QVariant>

namespace Cairn::JoinTable {

Result<QList<qint64>> members(const QSqlDatabase &db, const QString &table,
                              const QString &ownerColumn, const QString &memberColumn,
                              qint64 ownerId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        db, QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?").arg(memberColumn, table, ownerColumn),
        {ownerId});
    if (!query)
        return query.error();
    QList<qint64> ids;
    while (query->next())
        ids << query->value(0).toLongLong();
    return ids;
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
