#include "AttributeRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT id, site_id, resource_name, name, description, required, display, multi, "
    "allow_empty, pattern, valid_values FROM attributes");

Attribute attributeFrom(const QSqlQuery &query)
{
    Attribute attribute;
    attribute.id = query.value(0).toLongLong();
    attribute.siteId = query.value(1).toLongLong();
    attribute.resourceName = query.value(2).toString();
    attribute.name = query.value(3).toString();
    attribute.description = query.value(4).toString();
    attribute.required = query.value(5).toBool();
    attribute.display = query.value(6).toBool();
    attribute.multi = query.value(7).toBool();
    attribute.allowEmpty = query.value(8).toBool();
    attribute.pattern = query.value(9).toString();
    for (const QJsonValue value :
         QJsonDocument::fromJson(query.value(10).toString().toUtf8()).array())
        attribute.validValues << value.toString();
    return attribute;
}

QString validValuesText(const Attribute &attribute)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(attribute.validValues))
                                 .toJson(QJsonDocument::Compact));
}

} // namespace

Result<QList<Attribute>> AttributeRepository::list(const AttributeFilter &filter)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        Columns + QStringLiteral(" WHERE (? OR site_id = ?) AND (? OR resource_name = ?) AND "
                                 "(? OR name = ?) ORDER BY id"),
        {!filter.siteId.has_value(), filter.siteId.value_or(0), filter.resourceName.isEmpty(),
         filter.resourceName, filter.name.isEmpty(), filter.name});
    if (!query)
        return query.error();
    QList<Attribute> attributes;
    while (query->next())
        attributes << attributeFrom(query.value());
    return attributes;
}

Result<std::optional<Attribute>> AttributeRepository::find(qint64 id)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), Columns + QStringLiteral(" WHERE id = ?"), {id});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Attribute>();
    return std::optional<Attribute>(attributeFrom(query.value()));
}

Result<QHash<QString, Attribute>> AttributeRepository::definitions(qint64 siteId,
                                                                   const QString &resourceName)
{
    const Result<QList<Attribute>> all = list(AttributeFilter{siteId, resourceName, {}});
    if (!all)
        return all.error();
    QHash<QString, Attribute> byName;
    for (const Attribute &attribute : all.value())
        byName.insert(attribute.name, attribute);
    return byName;
}

Result<qint64> AttributeRepository::insert(const QSqlDatabase &db, const Attribute &attribute)
{
    const Result<QVariant> id = SqlQuery::scalar(
        db,
        QStringLiteral(
            "INSERT INTO attributes (site_id, resource_name, name, description, required, "
            "display, multi, allow_empty, pattern, valid_values) VALUES (?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?) RETURNING id"),
        {attribute.siteId, attribute.resourceName, attribute.name, attribute.description,
         attribute.required, attribute.display, attribute.multi, attribute.allowEmpty,
         attribute.pattern, validValuesText(attribute)});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<void> AttributeRepository::update(const QSqlDatabase &db, const Attribute &attribute)
{
    return SqlQuery::exec(
        db,
        QStringLiteral(
            "UPDATE attributes SET description = ?, required = ?, display = ?, multi = ?, "
            "allow_empty = ?, pattern = ?, valid_values = ? WHERE id = ?"),
        {attribute.description, attribute.required, attribute.display, attribute.multi,
         attribute.allowEmpty, attribute.pattern, validValuesText(attribute), attribute.id});
}

Result<void> AttributeRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM attributes WHERE id = ?"), {id});
}

Result<bool> AttributeRepository::hasValues(const QSqlDatabase &db, qint64 id)
{
    const Result<QVariant> found = SqlQuery::scalar(
        db, QStringLiteral("SELECT 1 FROM attribute_values WHERE attribute_id = ? LIMIT 1"), {id});
    if (!found)
        return found.error();
    return found->isValid();
}

} // namespace Cairn
