#pragma once

#include "Action.h"
#include "Identity.h"
#include "Permission.h"
#include "Result.h"

#include <QList>

namespace Cairn {

class Database;

// Decides what a caller may do. Every service asks here before it changes or reveals anything;
// faces and the GUI never decide permissions themselves.
class PermissionService
{
public:
    explicit PermissionService(Database &database)
        : m_database(database)
    {
    }

    // Superusers may do everything; read-only tokens only view; anyone else needs a grant of
    // the action (or admin) on the object or on its whole type, to them or to one of their groups.
    Result<bool> isAllowed(const Identity &identity, const QString &objectType,
                           std::optional<qint64> objectId, Action action);
    // isAllowed() as a Forbidden error, for services to return as is.
    Result<void> require(const Identity &identity, const QString &objectType,
                         std::optional<qint64> objectId, Action action);

    Result<Permission> grant(const Permission &permission);
    Result<void> revoke(qint64 permissionId);
    // What a user holds, directly or through a group.
    Result<QList<Permission>> permissionsOfUser(qint64 userId);
    // What is granted on one object (not on its whole type).
    Result<QList<Permission>> permissionsOn(const QString &objectType, qint64 objectId);
    // Every grant, oldest first, and one by id (NotFound when there is none).
    Result<QList<Permission>> all();
    Result<Permission> find(qint64 permissionId);

private:
    Result<QList<Permission>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
