#include "PackageService.h"

#include "auth/PermissionService.h"
#include "auth/Viewable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace Cairn {

PackageService::PackageService(Database &database, PermissionService &permissions,
                               const QString &dataDir)
    : m_packages(database)
    , m_permissions(permissions)
    , m_directory(QDir(dataDir).filePath(QStringLiteral("virt/packages")))
{
}

QString PackageService::archivePath(const QString &uuid) const
{
    // The uuid comes from our own records (a uuid column), never straight from a request.
    return QDir(m_directory).filePath(uuid.toLower() + QStringLiteral(".zip"));
}

QString PackageService::discardUnfinishedArchive(const QString &uuid)
{
    if (QUuid::fromString(uuid).isNull())
        return {};
    const QString archive = archivePath(uuid);
    QStringList removed;
    for (const QString &partial :
         QStringList{archive + QStringLiteral(".part"), archive + QStringLiteral(".download")}) {
        if (QFile::remove(partial))
            removed << QStringLiteral("the partial archive %1").arg(QFileInfo(partial).fileName());
    }
    // Written in full but never recorded as present: nothing refers to it.
    const Result<Package> package = m_packages.byUuid(uuid);
    const bool present = package && package->isPresent();
    if (!present && (package || package.error().code == ErrorCode::NotFound) &&
        QFile::remove(archive))
        removed << QStringLiteral("the unrecorded archive %1").arg(QFileInfo(archive).fileName());
    return removed.join(QStringLiteral(", "));
}

Result<QList<Package>> PackageService::list(const Identity &caller)
{
    const Result<QList<Package>> all = m_packages.list();
    if (!all)
        return all.error();
    return viewable(m_permissions, caller, ObjectType, all.value());
}

Result<Package> PackageService::allowed(const Identity &caller, const QString &uuid, Action action)
{
    Result<Package> package = m_packages.byUuid(uuid);
    if (!package)
        return package;
    const Result<void> may =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), package->id, action);
    if (!may)
        return may.error();
    return package;
}

Result<Package> PackageService::get(const Identity &caller, const QString &uuid)
{
    return allowed(caller, uuid, Action::View);
}

Result<void> PackageService::mayAdd(const Identity &caller)
{
    if (!QDir().mkpath(m_directory))
        return Error::internal(QStringLiteral("Cannot create %1.").arg(m_directory));
    return m_permissions.require(caller, QString::fromLatin1(ObjectType), std::nullopt,
                                 Action::Add);
}

Result<Package> PackageService::describe(const Identity &caller, const QString &uuid,
                                         const std::optional<QString> &name,
                                         const std::optional<QString> &description)
{
    Result<Package> package = allowed(caller, uuid, Action::Change);
    if (!package)
        return package;
    const QString newName = name.value_or(package->name).trimmed();
    if (newName.isEmpty())
        return Error::invalidField(QStringLiteral("name"),
                                   QStringLiteral("A package needs a name."));
    const Result<void> described =
        m_packages.describe(package->id, newName, description.value_or(package->description));
    if (!described)
        return described.error();
    return m_packages.byUuid(package->uuid);
}

Result<Package> PackageService::remove(const Identity &caller, const QString &uuid)
{
    Result<Package> package = allowed(caller, uuid, Action::Delete);
    if (!package)
        return package;
    const Result<void> removed = m_packages.remove(package->id);
    if (!removed)
        return removed.error();
    QFile::remove(archivePath(package->uuid));
    return package;
}

} // namespace Cairn
