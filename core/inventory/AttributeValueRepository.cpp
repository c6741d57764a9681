#include "AttributeValueRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QJsonObject>

namespace Cairn {

Result<void> AttributeValueRepository::replace(const QSqlDatabase &db, const QString &resourceName,
                                               qint64 resourceId, const QJsonObject &values,
                                               const QHash<QString, Attribute> &definitions)
{
    Result<void> cleared = removeAll(db, resourceName, resourceId);
    if (!cleared)
        return cleared;
    AttributeValueRows rows;
    rows.add(resourceId, values, definitions);
    return insert(db, resourceName, rows);
}

Result<void> AttributeValueRepository::insert(const QSqlDatabase &db, const QString &resourceName,
                                              const AttributeValueRows &rows)
{
    if (rows.isEmpty())
        return {};
    const auto [columns, source] = SqlQuery::jsonRows(
        db, {QStringLiteral("bigint"), QStringLiteral("bigint"), QStringLiteral("text"),
             QStringLiteral("text"), QStringLiteral("integer")});
    return SqlQuery::exec(db,
                          QStringLiteral("INSERT INTO attribute_values (resource_id, attribute_id, "
                                         "name, value, position, resource_name) SELECT %1, "
                                         "CAST(? AS text) "
                                         "FROM %2")
                              .arg(columns, source),
                          {resourceName, rows.json()});
}

Result<void> AttributeValueRepository::removeAll(const QSqlDatabase &db,
                                                 const QString &resourceName, qint64 resourceId)
{
    return SqlQuery::exec(
        db,
        QStringLiteral("DELETE FROM attribute_values WHERE resource_name = ? AND resource_id = ?"),
        {resourceName, resourceId});
}

Result<void> AttributeValueRepository::removeAllIn(const QSqlDatabase &db,
                                                   const QString &resourceName,
                                                   const QString &idsQuery,
                                                   const QVariantList &values)
{
    return SqlQuery::exec(db,
                          QStringLiteral("DELETE FROM attribute_values WHERE resource_name = ? AND "
                                         "resource_id IN (%1)")
                              .arg(idsQuery),
                          QVariantList{resourceName} + values);
}

Result<QSet<QString>> AttributeValueRepository::namesInUse(const QString &resourceName)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT DISTINCT name FROM attribute_values WHERE resource_name = ?"),
        {resourceName});
    if (!query)
        return query.error();
    QSet<QString> names;
    while (query->next())
        names.insert(query->value(0).toString());
    return names;
}

Result<QHash<qint64, QJsonObject>> AttributeValueRepository::load(const QString &resourceName,
                                                                  const QList<qint64> &ids)
{
    QHash<qint64, QJsonObject> byResource;
    const QSqlDatabase db = m_database.connection();
    const auto [condition, idsValue] = SqlQuery::inIds(db, QStringLiteral("v.resource_id"), ids);
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral("SELECT v.resource_id, v.name, v.value, a.multi FROM attribute_values v "
                       "JOIN attributes a ON a.id = v.attribute_id WHERE v.resource_name = ? AND "
                       "%1 ORDER BY v.resource_id, v.name, v.position")
            .arg(condition),
        {resourceName, idsValue});
    if (!query)
        return query.error();
    while (query->next()) {
        QJsonObject &attributes = byResource[query->value(0).toLongLong()];
        const QString name = query->value(1).toString();
        const QString value = query->value(2).toString();
        if (query->value(3).toBool()) {
            QJsonArray list = attributes.value(name).toArray();
            list.append(value);
            attributes.insert(name, list);
        } else {
            attributes.insert(name, value);
        }
    }
    return byResource;
}

namespace {

const QString ValuesWhere = QStringLiteral(
    "FROM attribute_values v JOIN attributes a ON a.id = v.attribute_id WHERE (? OR v.name = ?) "
    "AND (? OR v.value = ?) AND (? OR v.resource_name = ?) AND (? OR a.site_id = ?)");

QVariantList valuesBound(const ValueFilter &filter)
{
    return {filter.name.isEmpty(),         filter.name,
            filter.value.isEmpty(),        filter.value,
            filter.resourceName.isEmpty(), filter.resourceName,
            !filter.siteId.has_value(),    filter.siteId.value_or(0)};
}

} // namespace

Result<qint64> AttributeValueRepository::count(const ValueFilter &filter)
{
    const Result<QVariant> total =
        SqlQuery::scalar(m_database.connection(), QStringLiteral("SELECT COUNT(*) ") + ValuesWhere,
                         valuesBound(filter));
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<QJsonArray> AttributeValueRepository::list(const ValueFilter &filter, int limit, int offset)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT v.id, v.name, v.value, v.attribute_id, v.resource_name, "
                       "v.resource_id ") +
            ValuesWhere + QStringLiteral(" ORDER BY v.id LIMIT ? OFFSET ?"),
        valuesBound(filter) + QVariantList{limit, offset});
    if (!query)
        return query.error();
    QJsonArray rows;
    while (query->next())
        rows.append(QJsonObject{{QStringLiteral("id"), query->value(0).toLongLong()},
                                {QStringLiteral("name"), query->value(1).toString()},
                                {QStringLiteral("value"), query->value(2).toString()},
                                {QStringLiteral("attribute"), query->value(3).toLongLong()},
                                {QStringLiteral("resource_name"), query->value(4).toString()},
                                {QStringLiteral("resource_id"), query->value(5).toLongLong()}});
    return rows;
}

} // namespace Cairn
