#pragma once

#include "Result.h"
#include "Site.h"

#include <QList>
#include <QSqlDatabase>

namespace Cairn {

class Database;

class SiteRepository
{
public:
    explicit SiteRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Site>> list(const QString &name);
    Result<std::optional<Site>> find(qint64 id);
    Result<std::optional<Site>> findByName(const QString &name);
    Result<qint64> insert(const QSqlDatabase &db, const Site &site);
    Result<void> update(const QSqlDatabase &db, const Site &site);
    Result<void> remove(const QSqlDatabase &db, qint64 id);
    // Whether anything still belongs to the site (attributes, devices, ...).
    Result<bool> hasChildren(const QSqlDatabase &db, qint64 id);

private:
    Result<std::optional<Site>> findOne(const QString &where, const QVariant &value);

    Database &m_database;
};

} // namespace Cairn
