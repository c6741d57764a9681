#include "ProtocolTypeRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/SqlWhere.h"

namespace Cairn {

namespace {

SqlWhere whereOf(const ProtocolTypeFilter &filter, const QSqlDatabase &db)
{
    SqlWhere where(db);
    if (filter.siteId)
        where.add(QStringLiteral("t.site_id = ?"), {*filter.siteId});
    if (filter.ids)
        where.addIn(QStringLiteral("t.id"), *filter.ids);
    if (!filter.name.isEmpty())
        where.add(QStringLiteral("t.name = ?"), {filter.name});
    if (filter.description)
        where.add(QStringLiteral("t.description = ?"), {*filter.description});
    return where;
}

} // namespace

Result<QList<ProtocolType>> ProtocolTypeRepository::list(const ProtocolTypeFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT t.id, t.site_id, t.name, t.description FROM protocol_types t") +
            where.text() + QStringLiteral(" ORDER BY t.id LIMIT ? OFFSET ?"),
        where.values() + QVariantList{filter.limit, filter.offset});
    if (!query)
        return query.error();
    QList<ProtocolType> types;
    QList<qint64> ids;
    while (query->next()) {
        types << ProtocolType{query->value(0).toLongLong(),
                              query->value(1).toLongLong(),
                              query->value(2).toString(),
                              query->value(3).toString(),
                              {},
                              {}};
        ids << types.last().id;
    }
    SqlWhere ofTypes(m_database.connection());
    ofTypes.addIn(QStringLiteral("r.protocol_type_id"), ids);
    Result<QSqlQuery> required = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT r.protocol_type_id, a.id, a.name FROM protocol_type_attributes r "
                       "JOIN attributes a ON a.id = r.attribute_id") +
            ofTypes.text() + QStringLiteral(" ORDER BY a.name"),
        ofTypes.values());
    if (!required)
        return required.error();
    while (required->next()) {
        for (ProtocolType &type : types) {
            if (type.id == required->value(0).toLongLong()) {
                type.requiredAttributeIds << required->value(1).toLongLong();
                type.requiredAttributes << required->value(2).toString();
            }
        }
    }
    return types;
}

Result<qint64> ProtocolTypeRepository::count(const ProtocolTypeFilter &filter)
{
    const SqlWhere where = whereOf(filter, m_database.connection());
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM protocol_types t") + where.text(), where.values());
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<void> ProtocolTypeRepository::saveRequired(const QSqlDatabase &db, const ProtocolType &type)
{
    Result<void> cleared = SqlQuery::exec(
        db, QStringLiteral("DELETE FROM protocol_type_attributes WHERE protocol_type_id = ?"),
        {type.id});
    if (!cleared)
        return cleared;
    for (qint64 attribute : type.requiredAttributeIds) {
        Result<void> added =
            SqlQuery::exec(db,
                           QStringLiteral("INSERT INTO protocol_type_attributes (protocol_type_id, "
                                          "attribute_id) VALUES (?, ?)"),
                           {type.id, attribute});
        if (!added)
            return added;
    }
    return {};
}

Result<qint64> ProtocolTypeRepository::insert(const QSqlDatabase &db, const ProtocolType &type)
{
    const Result<QVariant> id = SqlQuery::scalar(
        db,
        QStringLiteral("INSERT INTO protocol_types (site_id, name, description) VALUES (?, ?, ?) "
                       "RETURNING id"),
        {type.siteId, type.name, type.description});
    if (!id)
        return id.error();
    ProtocolType stored = type;
    stored.id = id->toLongLong();
    const Result<void> saved = saveRequired(db, stored);
    if (!saved)
        return saved.error();
    return stored.id;
}

Result<void> ProtocolTypeRepository::update(const QSqlDatabase &db, const ProtocolType &type)
{
    Result<void> updated = SqlQuery::exec(
        db, QStringLiteral("UPDATE protocol_types SET name = ?, description = ? WHERE id = ?"),
        {type.name, type.description, type.id});
    if (!updated)
        return updated;
    return saveRequired(db, type);
}

Result<void> ProtocolTypeRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM protocol_types WHERE id = ?"), {id});
}

} // namespace Cairn
