#include "LinkRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

Result<QList<Link>> LinkRepository::select(const QString &where, const QVariantList &values)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT l.id, l.name, l.source_id, l.destination_id, s.hostname, "
                       "d.hostname, l.color, l.description, l.created_at, l.updated_at FROM links "
                       "l JOIN devices s ON s.id = l.source_id JOIN devices d ON d.id = "
                       "l.destination_id %1 ORDER BY l.name")
            .arg(where),
        values);
    if (!query)
        return query.error();
    QList<Link> links;
    while (query->next())
        links << Link{query->value(0).toLongLong(), query->value(1).toString(),
                      query->value(2).toLongLong(), query->value(3).toLongLong(),
                      query->value(4).toString(),   query->value(5).toString(),
                      query->value(6).toString(),   query->value(7).toString(),
                      query->value(8).toLongLong(), query->value(9).toLongLong()};
    return links;
}

Result<QList<Link>> LinkRepository::list()
{
    return select({}, {});
}

Result<std::optional<Link>> LinkRepository::byName(const QString &name)
{
    const Result<QList<Link>> found = select(QStringLiteral("WHERE l.name = ?"), {name});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Link>(found->first());
}

Result<void> LinkRepository::insert(Link &link)
{
    link.createdAt = link.updatedAt = QDateTime::currentMSecsSinceEpoch();
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("INSERT INTO links (name, source_id, destination_id, color, description, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {link.name, link.sourceId, link.destinationId, link.color, link.description, link.createdAt,
         link.updatedAt});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::internal(QStringLiteral("Link %1 was not stored.").arg(link.name));
    link.id = query->value(0).toLongLong();
    query->finish();
    return {};
}

Result<void> LinkRepository::update(Link &link)
{
    link.updatedAt = QDateTime::currentMSecsSinceEpoch();
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE links SET name = ?, source_id = ?, "
                                         "destination_id = ?, color = ?, description = ?, "
                                         "updated_at = ? WHERE id = ?"),
                          {link.name, link.sourceId, link.destinationId, link.color,
                           link.description, link.updatedAt, link.id});
}

Result<void> LinkRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(), QStringLiteral("DELETE FROM links WHERE id = ?"),
                          {id});
}

} // namespace Cairn
