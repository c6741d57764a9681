#include "PackageRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QJsonDocument>

namespace Cairn {

namespace {

QString textOf(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

Result<QList<Package>> PackageRepository::select(const QString &where, const QVariantList &values)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT p.id, p.uuid, p.name, p.description, p.version, p.virt_class, "
                       "p.manifest, p.state, p.size, p.sha1, f.uuid, p.enclosure_url, p.created_at "
                       "FROM virt_packages p LEFT JOIN virt_feeds f ON f.id = p.feed_id %1 "
                       "ORDER BY p.name, p.version, p.id")
            .arg(where),
        values);
    if (!query)
        return query.error();
    QList<Package> packages;
    while (query->next()) {
        Package package;
        package.id = query->value(0).toLongLong();
        package.uuid = query->value(1).toString();
        package.name = query->value(2).toString();
        package.description = query->value(3).toString();
        package.version = query->value(4).toString();
        package.virtClass = query->value(5).toString();
        package.manifest = QJsonDocument::fromJson(query->value(6).toString().toUtf8()).object();
        package.state = query->value(7).toString();
        package.size = query->value(8).toLongLong();
        package.sha1 = query->value(9).toString();
        package.feedUuid = query->value(10).toString();
        package.enclosureUrl = query->value(11).toString();
        package.createdAt = query->value(12).toLongLong();
        packages << package;
    }
    return packages;
}

Result<QList<Package>> PackageRepository::list()
{
    return select(QString(), {});
}

Result<Package> PackageRepository::byUuid(const QString &uuid)
{
    const Result<QList<Package>> found =
        select(QStringLiteral("WHERE p.uuid = ?"), {uuid.toLower()});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("No package %1.").arg(uuid));
    return found->first();
}

Result<Package> PackageRepository::insert(const Package &package, std::optional<qint64> feedId)
{
    const Result<void> inserted = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_packages (uuid, name, description, version, virt_class, "
                       "manifest, state, size, sha1, feed_id, enclosure_url, created_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {package.uuid.toLower(), package.name, package.description, package.version,
         package.virtClass, textOf(package.manifest), package.state, package.size, package.sha1,
         SqlQuery::nullable(feedId), package.enclosureUrl, package.createdAt});
    if (!inserted)
        return inserted.error();
    return byUuid(package.uuid);
}

Result<void> PackageRepository::describe(qint64 id, const QString &name, const QString &description)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE virt_packages SET name = ?, description = ? WHERE id = ?"),
        {name, description, id});
}

Result<void> PackageRepository::markPresent(qint64 id, const QJsonObject &manifest, qint64 size,
                                            const QString &sha1)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE virt_packages SET state = 'present', manifest = ?, "
                       "size = ?, sha1 = ? WHERE id = ?"),
        {textOf(manifest), size, sha1, id});
}

Result<void> PackageRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM virt_packages WHERE id = ?"), {id});
}

} // namespace Cairn
