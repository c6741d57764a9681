#pragma once

#include "Attribute.h"
#include "Result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace Cairn {

class Database;

struct AttributeFilter
{
    std::optional<qint64> siteId;
    QString resourceName;
    QString name;
};

class AttributeRepository
{
public:
    explicit AttributeRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Attribute>> list(const AttributeFilter &filter);
    Result<std::optional<Attribute>> find(qint64 id);
    // Definitions of one resource type in a site, by name.
    Result<QHash<QString, Attribute>> definitions(qint64 siteId, const QString &resourceName);
    Result<qint64> insert(const QSqlDatabase &db, const Attribute &attribute);
    Result<void> update(const QSqlDatabase &db, const Attribute &attribute);
    Result<void> remove(const QSqlDatabase &db, qint64 id);
    Result<bool> hasValues(const QSqlDatabase &db, qint64 id);

private:
    Database &m_database;
};

} // namespace Cairn
