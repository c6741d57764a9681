#pragma once

#include "Attribute.h"
#include "AttributeValueRows.h"
#include "Result.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QSqlDatabase>

namespace Cairn {

class Database;

// Attribute values as rows (one per value of a multi attribute), indexed for set queries.
// What /api/values/ selects by.
struct ValueFilter
{
    QString name;
    QString value;
    QString resourceName;
    std::optional<qint64> siteId;
};

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
    // The values of resources that have none yet, in one statement.
    Result<void> insert(const QSqlDatabase &db, const QString &resourceName,
                        const AttributeValueRows &rows);
    Result<void> removeAll(const QSqlDatabase &db, const QString &resourceName, qint64 resourceId);
    // The values of every `resourceName` object whose id `idsQuery` (constant SQL, with the
    // bound `values`) selects: what goes with a device's interfaces.
    Result<void> removeAllIn(const QSqlDatabase &db, const QString &resourceName,
                             const QString &idsQuery, const QVariantList &values);
    // The attributes of many resources in a few queries, never one per resource.
    Result<QHash<qint64, QJsonObject>> load(const QString &resourceName, const QList<qint64> &ids);
    // The names of the attributes some resource of the type holds a value of.
    Result<QSet<QString>> namesInUse(const QString &resourceName);
    // Fills in the attributes of every object (anything with `id` and `attributes`).
    template <typename T> Result<void> attach(const QString &resourceName, QList<T> &objects)
    {
        QList<qint64> ids;
        ids.reserve(objects.size());
        for (const T &object : std::as_const(objects))
            ids << object.id;
        const Result<QHash<qint64, QJsonObject>> loaded = load(resourceName, ids);
        if (!loaded)
            return loaded.error();
        for (T &object : objects)
            object.attributes = loaded->value(object.id);
        return {};
    }
    // NSoT's read-only /api/values/: {id, name, value, attribute, resource_name, resource_id},
    // `limit` rows from `offset` in id order; empty filter texts select everything.
    Result<QJsonArray> list(const ValueFilter &filter, int limit, int offset);
    Result<qint64> count(const ValueFilter &filter);

private:
    Database &m_database;
};

} // namespace Cairn
