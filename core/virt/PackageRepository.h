#pragma once

#include "Package.h"
#include "Result.h"

#include <QList>
#include <QVariantList>

namespace Cairn {

class Database;

// Packages in SQL (their archives are files; PackageArchive reads and writes those).
class PackageRepository
{
public:
    explicit PackageRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Package>> list();
    // NotFound naming the uuid.
    Result<Package> byUuid(const QString &uuid);
    // Records the package as given (its uuid included), feed and all.
    Result<Package> insert(const Package &package, std::optional<qint64> feedId);
    Result<void> describe(qint64 id, const QString &name, const QString &description);
    // The archive is now here: what it holds, its size and sha1.
    Result<void> markPresent(qint64 id, const QJsonObject &manifest, qint64 size,
                             const QString &sha1);
    Result<void> remove(qint64 id);

private:
    Result<QList<Package>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
