#pragma once

#include "Result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Cairn::JoinTable {

// The ids a join table pairs with each of `ownerIds`, in one query (not one per owner).
// Table and column names are the caller's constants, never user text.
Result<QHash<qint64, QList<qint64>>> members(const QSqlDatabase &db, const QString &table,
                                             const QString &ownerColumn,
                                             const QString &memberColumn,
                                             const QList<qint64> &ownerIds);
// Makes `ids` the members of `ownerId`, in the caller's transaction.
Result<void> replace(const QSqlDatabase &db, const QString &table, const QString &ownerColumn,
                     const QString &memberColumn, qint64 ownerId, const QList<qint64> &ids);

// Fills each item's `deviceIds` and `poolIds` (the targets of eNMS services and tasks) from
// their two join tables, keyed by the items' ids in `ownerColumn`: two queries for all.
template <typename Item>
Result<void> attachTargets(const QSqlDatabase &db, const QString &devicesTable,
                           const QString &poolsTable, const QString &ownerColumn,
                           QList<Item> &items)
{
    QList<qint64> ids;
    for (const Item &item : std::as_const(items))
        ids << item.id;
    const Result<QHash<qint64, QList<qint64>>> devices =
        members(db, devicesTable, ownerColumn, QStringLiteral("device_id"), ids);
    const Result<QHash<qint64, QList<qint64>>> pools =
        members(db, poolsTable, ownerColumn, QStringLiteral("pool_id"), ids);
    if (!devices || !pools)
        return devices ? pools.error() : devices.error();
    for (Item &item : items) {
        item.deviceIds = devices->value(item.id);
        item.poolIds = pools->value(item.id);
    }
    return {};
}

} // namespace Cairn::JoinTable
