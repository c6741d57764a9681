#pragma once

#include "Attribute.h"
#include "Result.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QSqlDatabase>

namespace Cairn {

class Database;

// Attribute values as rows (one per value of a multi attribute), indexed for set queries.
class AttributeValueRepository
{
public:
    explicit AttributeValueRepository(Database &database)
        : m_database(database)
    {
    }

    // Replaces every value of one resource with `values` (name -> string or array of strings).
    Result<void> replace(const QSqlDatabase &db, const QString &resourceName, qint64 resourceId,
                         const QJsonObject &values, const QHash<QString, Attribute> &definitions);
    // The values of a resource that has none yet.
    Result<void> insert(const QSqlDatabase &db, const QString &resourceName, qint64 resourceId,
                        const QJsonObject &values, const QHash<QString, Attribute> &definitions);
    Result<void> removeAll(const QSqlDatabase &db, const QString &resourceName, qint64 resourceId);
    // The attributes of many resources in a few queries, never one per resource.
    Result<QHash<qint64, QJsonObject>> load(const QString &resourceName, const QList<qint64> &ids);
    // NSoT's read-only /api/values/: {id, name, value, attribute, resource_name, resource_id}.
    Result<QJsonArray> list(const QString &name, const QString &value, const QString &resourceName,
                            std::optional<qint64> siteId);

private:
    Database &m_database;
};

} // namespace Cairn
