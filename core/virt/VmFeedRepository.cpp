#include "VmFeedRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QSet>
#include <QUuid>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT id, uuid, url, credentials, title, last_error, refreshed_at FROM virt_feeds");

VmFeed feedFrom(const QSqlQuery &query)
{
    return VmFeed{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                  query.value(3).toString(),   query.value(4).toString(), query.value(5).toString(),
                  query.value(6).toLongLong()};
}

} // namespace

Result<QList<VmFeed>> VmFeedRepository::list()
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), Columns + QStringLiteral(" ORDER BY url"));
    if (!query)
        return query.error();
    QList<VmFeed> feeds;
    while (query->next())
        feeds << feedFrom(query.value());
    return feeds;
}

Result<VmFeed> VmFeedRepository::byUuid(const QString &uuid)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(), Columns + QStringLiteral(" WHERE uuid = ?"), {uuid.toLower()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No VM feed %1.").arg(uuid));
    return feedFrom(query.value());
}

Result<VmFeed> VmFeedRepository::insert(const QString &url, const QString &sealedCredentials)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Result<void> inserted = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_feeds (uuid, url, credentials, created_at) VALUES (?, ?, "
                       "?, ?)"),
        {uuid, url, sealedCredentials, QDateTime::currentMSecsSinceEpoch()});
    if (!inserted) {
        if (inserted.error().code == ErrorCode::Conflict)
            return Error{ErrorCode::Conflict, QStringLiteral("%1 is subscribed already.").arg(url),
                         QJsonObject{{QStringLiteral("url"),
                                      QStringLiteral("This feed is subscribed already.")}}};
        return inserted.error();
    }
    return byUuid(uuid);
}

Result<void> VmFeedRepository::remove(qint64 id)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) {
        return Transaction::allOf({
            [&] {
                return SqlQuery::exec(
                    db,
                    QStringLiteral(
                        "DELETE FROM virt_packages WHERE feed_id = ? AND state = 'remote'"),
                    {id});
            },
            [&] {
                return SqlQuery::exec(db, QStringLiteral("DELETE FROM virt_feeds WHERE id = ?"),
                                      {id});
            },
        });
    });
}

Result<int> VmFeedRepository::replaceItems(const VmFeed &feed, const QString &title,
                                           const QList<FeedItem> &items, qint64 at)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<int> {
        Result<QSqlQuery> known =
            SqlQuery::run(db, QStringLiteral("SELECT uuid, feed_id, state FROM virt_packages"));
        if (!known)
            return known.error();
        QSet<QString> present;
        QSet<QString> listedBefore;
        while (known->next()) {
            present.insert(known->value(0).toString());
            if (known->value(1).toLongLong() == feed.id && known->value(2).toString() == u"remote")
                listedBefore.insert(known->value(0).toString());
        }
        QSet<QString> listedNow;
        for (const FeedItem &item : items) {
            listedNow.insert(item.uuid);
            if (present.contains(item.uuid))
                continue;
            const Result<void> added = SqlQuery::exec(
                db,
                QStringLiteral("INSERT INTO virt_packages (uuid, name, description, version, "
                               "virt_class, state, size, sha1, feed_id, enclosure_url, "
                               "created_at) VALUES (?, ?, ?, ?, ?, 'remote', ?, ?, ?, ?, ?)"),
                {item.uuid, item.name, item.description,
                 item.version.isEmpty() ? QStringLiteral("1") : item.version, item.virtClass,
                 item.size, item.sha1, feed.id, item.enclosure.toString(), at});
            if (!added)
                return added.error();
            present.insert(item.uuid);
        }
        for (const QString &gone : listedBefore - listedNow) {
            const Result<void> removed = SqlQuery::exec(
                db, QStringLiteral("DELETE FROM virt_packages WHERE uuid = ? AND state = 'remote'"),
                {gone});
            if (!removed)
                return removed.error();
        }
        const Result<void> recorded = SqlQuery::exec(
            db,
            QStringLiteral("UPDATE virt_feeds SET title = ?, last_error = '', refreshed_at = ? "
                           "WHERE id = ?"),
            {title, at, feed.id});
        if (!recorded)
            return recorded.error();
        return int(items.size());
    });
}

Result<void> VmFeedRepository::recordError(qint64 id, const QString &error)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE virt_feeds SET last_error = ? WHERE id = ?"),
                          {error, id});
}

} // namespace Cairn
