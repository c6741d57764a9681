#include "SiteRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

namespace Cairn {

namespace {

Site siteFrom(const QSqlQuery &query)
{
    return Site{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString()};
}

} // namespace

Result<QList<Site>> SiteRepository::list(const QString &name)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, name, description FROM sites WHERE (? OR name = ?) ORDER BY id"),
        {name.isEmpty(), name});
    if (!query)
        return query.error();
    QList<Site> sites;
    while (query->next())
        sites << siteFrom(query.value());
    return sites;
}

Result<std::optional<Site>> SiteRepository::find(qint64 id)
{
    return findOne(QStringLiteral("id = ?"), id);
}

Result<std::optional<Site>> SiteRepository::findByName(const QString &name)
{
    return findOne(QStringLiteral("name = ?"), name);
}

Result<std::optional<Site>> SiteRepository::findOne(const QString &where, const QVariant &value)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, name, description FROM sites WHERE ") + where, {value});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Site>();
    return std::optional<Site>(siteFrom(query.value()));
}

Result<qint64> SiteRepository::insert(const QSqlDatabase &db, const Site &site)
{
    const Result<QVariant> id = SqlQuery::scalar(
        db, QStringLiteral("INSERT INTO sites (name, description) VALUES (?, ?) RETURNING id"),
        {site.name, site.description});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<void> SiteRepository::update(const QSqlDatabase &db, const Site &site)
{
    return SqlQuery::exec(db,
                          QStringLiteral("UPDATE sites SET name = ?, description = ? WHERE id = ?"),
                          {site.name, site.description, site.id});
}

Result<void> SiteRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM sites WHERE id = ?"), {id});
}

Result<bool> SiteRepository::hasChildren(const QSqlDatabase &db, qint64 id)
{
    const Result<QVariant> found = SqlQuery::scalar(
        db,
        QStringLiteral("SELECT 1 WHERE EXISTS (SELECT 1 FROM attributes WHERE site_id = ?) OR "
                       "EXISTS (SELECT 1 FROM devices WHERE site_id = ?) OR "
                       "EXISTS (SELECT 1 FROM networks WHERE site_id = ?) OR "
                       "EXISTS (SELECT 1 FROM interfaces WHERE site_id = ?) OR "
                       "EXISTS (SELECT 1 FROM circuits WHERE site_id = ?) OR "
                       "EXISTS (SELECT 1 FROM protocols WHERE site_id = ?) OR "
                       "EXISTS (SELECT 1 FROM protocol_types WHERE site_id = ?)"),
        {id, id, id, id, id, id, id});
    if (!found)
        return found.error();
    return found->isValid();
}

} // namespace Cairn
