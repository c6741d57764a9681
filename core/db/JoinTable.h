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

} // namespace Cairn::JoinTable
