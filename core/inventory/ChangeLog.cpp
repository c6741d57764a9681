#include "ChangeLog.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT c.id, c.site_id, c.user_id, COALESCE(u.email, u.username, ''), c.change_at, c.event, "
    "c.resource_name, c.resource_id, c.resource FROM changes c LEFT JOIN users u ON u.id = "
    "c.user_id");

// (? IS NULL OR column = ?) pairs keep one statement text for every combination of filters.
const QString FilterClause = QStringLiteral(
    " WHERE (? OR c.site_id = ?) AND (? OR c.event = ?) AND (? OR c.resource_name = ?) AND "
    "(? OR c.resource_id = ?)");

QVariantList filterValues(const ChangeFilter &filter)
{
    return {!filter.siteId.has_value(),     filter.siteId.value_or(0),
            filter.event.isEmpty(),         filter.event,
            filter.resourceName.isEmpty(),  filter.resourceName,
            !filter.resourceId.has_value(), filter.resourceId.value_or(0)};
}

Change changeFrom(const QSqlQuery &query)
{
    Change change;
    change.id = query.value(0).toLongLong();
    if (!query.value(1).isNull())
        change.siteId = query.value(1).toLongLong();
    if (!query.value(2).isNull())
        change.userId = query.value(2).toLongLong();
    change.userEmail = query.value(3).toString();
    change.changeAt = query.value(4).toLongLong();
    change.event = query.value(5).toString();
    change.resourceName = query.value(6).toString();
    change.resourceId = query.value(7).toLongLong();
    change.resource = QJsonDocument::fromJson(query.value(8).toString().toUtf8()).object();
    return change;
}

} // namespace

Result<void> ChangeLog::record(const QSqlDatabase &db, std::optional<qint64> userId,
                               std::optional<qint64> siteId, const QString &event,
                               const QString &resourceName, qint64 resourceId,
                               const QJsonObject &snapshot)
{
    return recordAll(db, userId, {{siteId, event, resourceName, resourceId, snapshot}});
}

Result<void> ChangeLog::recordAll(const QSqlDatabase &db, std::optional<qint64> userId,
                                  const QList<ChangeRecord> &changes)
{
    if (changes.isEmpty())
        return {};
    QJsonArray rows;
    for (const ChangeRecord &change : changes) {
        rows.append(QJsonArray{change.siteId ? QJsonValue(*change.siteId) : QJsonValue(),
                               change.event, change.resourceName, change.resourceId,
                               change.snapshot});
    }
    const auto [columns, source] = SqlQuery::jsonRows(
        db, {QStringLiteral("bigint"), QStringLiteral("text"), QStringLiteral("text"),
             QStringLiteral("bigint"), QStringLiteral("text")});
    Result<void> logged = SqlQuery::exec(
        db,
        QStringLiteral("INSERT INTO changes (site_id, event, resource_name, resource_id, "
                       "resource, user_id, change_at) SELECT %1, CAST(? AS bigint), "
                       "CAST(? AS bigint) FROM %2")
            .arg(columns, source),
        {SqlQuery::nullable(userId), QDateTime::currentSecsSinceEpoch(),
         QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact))});
    if (!logged)
        return logged;
    // Once per transaction is enough (a bulk request records thousands of changes).
    thread_local quint64 bumpedIn = 0;
    if (Transaction::current() != 0 && Transaction::current() == bumpedIn)
        return {};
    Result<void> bumped = bumpVersion(db);
    if (bumped)
        bumpedIn = Transaction::current();
    return bumped;
}

Result<void> ChangeLog::bumpVersion(const QSqlDatabase &db)
{
    Result<void> bumped = SqlQuery::exec(
        db, QStringLiteral("UPDATE inventory_version SET version = version + 1 WHERE id = 1"));
    // PostgreSQL tells its listeners (open windows) when the transaction commits, once however
    // often it is asked within one; SQLite has no such thing and its readers poll.
    if (!bumped || db.driverName() != QLatin1String("QPSQL"))
        return bumped;
    return SqlQuery::exec(
        db, QStringLiteral("SELECT pg_notify('%1', '')").arg(QLatin1String(NotifyChannel)));
}

Result<qint64> ChangeLog::version()
{
    const Result<QVariant> version =
        SqlQuery::scalar(m_database.connection(),
                         QStringLiteral("SELECT version FROM inventory_version WHERE id = 1"));
    if (!version)
        return version.error();
    return version->toLongLong();
}

Result<QList<Change>> ChangeLog::list(const ChangeFilter &filter)
{
    QVariantList values = filterValues(filter);
    values << filter.limit << filter.offset;
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        Columns + FilterClause + QStringLiteral(" ORDER BY c.id DESC LIMIT ? OFFSET ?"), values);
    if (!query)
        return query.error();
    QList<Change> changes;
    while (query->next())
        changes << changeFrom(query.value());
    return changes;
}

Result<qint64> ChangeLog::count(const ChangeFilter &filter)
{
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(), QStringLiteral("SELECT COUNT(*) FROM changes c") + FilterClause,
        filterValues(filter));
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<Change> ChangeLog::find(qint64 id)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), Columns + QStringLiteral(" WHERE c.id = ?"), {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("Change not found."));
    return changeFrom(query.value());
}

Result<std::optional<Change>> ChangeLog::previous(const Change &change)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        Columns + QStringLiteral(" WHERE c.resource_name = ? AND c.resource_id = ? AND c.id < ? "
                                 "ORDER BY c.id DESC LIMIT 1"),
        {change.resourceName, change.resourceId, change.id});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Change>();
    return std::optional<Change>(changeFrom(query.value()));
}

} // namespace Cairn
