#include "PoolRepository.h"

#include "db/Database.h"
#include "db/JoinTable.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

Result<QList<Pool>> PoolRepository::select(const QString &where, const QVariantList &values)
{
    const QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral("SELECT id, name, description, manually_defined, rules, created_at, "
                       "updated_at FROM pools %1 ORDER BY name")
            .arg(where),
        values);
    if (!query)
        return query.error();
    QList<Pool> pools;
    while (query->next())
        pools << Pool{query->value(0).toLongLong(),
                      query->value(1).toString(),
                      query->value(2).toString(),
                      query->value(3).toBool(),
                      QJsonDocument::fromJson(query->value(4).toString().toUtf8()).object(),
                      {},
                      {},
                      query->value(5).toLongLong(),
                      query->value(6).toLongLong()};
    query->finish();
    // Only a manually defined pool keeps members.
    QList<qint64> manual;
    for (const Pool &pool : std::as_const(pools)) {
        if (pool.manuallyDefined)
            manual << pool.id;
    }
    const Result<QHash<qint64, QList<qint64>>> devices =
        JoinTable::members(db, QStringLiteral("pool_devices"), QStringLiteral("pool_id"),
                           QStringLiteral("device_id"), manual);
    const Result<QHash<qint64, QList<qint64>>> links =
        JoinTable::members(db, QStringLiteral("pool_links"), QStringLiteral("pool_id"),
                           QStringLiteral("link_id"), manual);
    if (!devices || !links)
        return devices ? links.error() : devices.error();
    for (Pool &pool : pools) {
        pool.deviceIds = devices->value(pool.id);
        pool.linkIds = links->value(pool.id);
    }
    return pools;
}

Result<QList<Pool>> PoolRepository::list()
{
    return select({}, {});
}

Result<std::optional<Pool>> PoolRepository::byName(const QString &name)
{
    const Result<QList<Pool>> found = select(QStringLiteral("WHERE name = ?"), {name});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Pool>(found->first());
}

Result<void> PoolRepository::save(Pool &pool)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString rules =
        QString::fromUtf8(QJsonDocument(pool.rules).toJson(QJsonDocument::Compact));
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        if (pool.id == 0) {
            Result<QSqlQuery> inserted = SqlQuery::run(
                db,
                QStringLiteral("INSERT INTO pools (name, description, manually_defined, rules, "
                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                {pool.name, pool.description, pool.manuallyDefined, rules, now, now});
            if (!inserted)
                return inserted.error();
            if (!inserted->next())
                return Error::internal(QStringLiteral("Pool %1 was not stored.").arg(pool.name));
            pool.id = inserted->value(0).toLongLong();
            pool.createdAt = now;
            inserted->finish();
        } else {
            Result<void> updated = SqlQuery::exec(
                db,
                QStringLiteral("UPDATE pools SET name = ?, description = ?, manually_defined = "
                               "?, rules = ?, updated_at = ? WHERE id = ?"),
                {pool.name, pool.description, pool.manuallyDefined, rules, now, pool.id});
            if (!updated)
                return updated;
        }
        pool.updatedAt = now;
        for (const auto &[table, column, ids] :
             {std::tuple{QStringLiteral("pool_devices"), QStringLiteral("device_id"),
                         &pool.deviceIds},
              std::tuple{QStringLiteral("pool_links"), QStringLiteral("link_id"), &pool.linkIds}}) {
            Result<void> replaced =
                JoinTable::replace(db, table, QStringLiteral("pool_id"), column, pool.id, *ids);
            if (!replaced)
                return replaced;
        }
        return {};
    });
}

Result<void> PoolRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(), QStringLiteral("DELETE FROM pools WHERE id = ?"),
                          {id});
}

} // namespace Cairn
