#pragma once

#include "Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Cairn::JoinTable {

// The ids a join table pairs with `ownerId` (`SELECT memberColumn … WHERE ownerColumn = ?`).
// Table and column names are the caller's constants, never user text.
Result<QList<qint64>> members(const QSqlDatabase &db, const QString &table,
                              const QString &ownerColumn, const QString &memberColumn,
                              qint64 ownerId);
// Makes `ids` the members of `ownerId`, in the caller's transaction.
Result<void> replace(const QSqlDatabase &db, const QString &table, const QString &ownerColumn,
                     const QString &memberColumn, qint64 ownerId, const QList<qint64> &ids);

} // namespace Cairn::JoinTable
