#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace Cairn {

// What still refers to an inventory object, counted ("12 devices", "1 circuit"), for
// the 409 that refuses to delete it: the user learns what to delete or move first.
namespace InventoryUsage {

Result<QStringList> ofSite(const QSqlDatabase &db, qint64 siteId);
// The resources that hold a value for it, per type ("3 Devices").
Result<QStringList> ofAttribute(const QSqlDatabase &db, qint64 attributeId);
// Its child interfaces and the circuits it ends.
Result<QStringList> ofInterface(const QSqlDatabase &db, qint64 interfaceId);
// The static network it is, or the machine whose lease it is (Enomalism's addresses live in
// the IPAM tree; these tables are theirs).
Result<QStringList> ofNetwork(const QSqlDatabase &db, qint64 networkId);

// "a, b and c".
QString joined(const QStringList &parts);

} // namespace InventoryUsage

} // namespace Cairn
