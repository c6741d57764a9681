#pragma once

#include "PackageRepository.h"
#include "auth/Action.h"
#include "auth/Identity.h"

namespace Cairn {

class PermissionService;

// The local package repository: package records in SQL, their archives in
// <data-dir>/virt/packages/<uuid>.zip; per-object permissions (object type "package": view,
// add, change, delete).
class PackageService
{
public:
    static constexpr const char *ObjectType = "package";

    PackageService(Database &database, PermissionService &permissions, const QString &dataDir);

    Result<QList<Package>> list(const Identity &caller);
    Result<Package> get(const Identity &caller, const QString &uuid);
    // The package, once the caller is allowed `action` on it.
    Result<Package> allowed(const Identity &caller, const QString &uuid, Action action);
    // POST name / description (seed 6.3); nullopt leaves a field as it is.
    Result<Package> describe(const Identity &caller, const QString &uuid,
                             const std::optional<QString> &name,
                             const std::optional<QString> &description);
    // The record and its archive.
    Result<Package> remove(const Identity &caller, const QString &uuid);
    // May the caller add packages at all.
    Result<void> mayAdd(const Identity &caller);

    QString archivePath(const QString &uuid) const;
    // After a crash: removes what a package or download of `uuid` left half written (the
    // archive too, unless the package is present in the repository). Says what it removed.
    QString discardUnfinishedArchive(const QString &uuid);
    PackageRepository &repository() { return m_packages; }

private:
    PackageRepository m_packages;
    PermissionService &m_permissions;
    QString m_directory;
};

} // namespace Cairn
