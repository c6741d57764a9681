#include "TaskRepository.h"

#include "db/Database.h"
#include "db/JoinTable.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

namespace {

const QString Devices = QStringLiteral("task_devices");
const QString Pools = QStringLiteral("task_pools");
const QString Owner = QStringLiteral("task_id");

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parsed(const QVariant &column)
{
    return QJsonDocument::fromJson(column.toString().toUtf8()).object();
}

} // namespace

Result<QList<Task>> TaskRepository::select(const QString &where, const QVariantList &values)
{
    const QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral("SELECT id, name, description, service_id, creator_id, is_active, schedule, "
                       "initial_payload, next_run_time, last_run_time, last_runtime, created_at, "
                       "updated_at, targets_given FROM tasks %1")
            .arg(where),
        values);
    if (!query)
        return query.error();
    QList<Task> tasks;
    while (query->next()) {
        Task task;
        task.id = query->value(0).toLongLong();
        task.name = query->value(1).toString();
        task.description = query->value(2).toString();
        task.serviceId = query->value(3).toLongLong();
        task.creatorId = SqlQuery::optionalId(query->value(4));
        task.isActive = query->value(5).toBool();
        task.schedule = parsed(query->value(6));
        task.initialPayload = parsed(query->value(7));
        task.nextRunTime = SqlQuery::optionalId(query->value(8));
        task.lastRunTime = SqlQuery::optionalId(query->value(9));
        task.lastRuntime = query->value(10).toString();
        task.createdAt = query->value(11).toLongLong();
        task.updatedAt = query->value(12).toLongLong();
        task.targetsGiven = query->value(13).toBool();
        tasks << task;
    }
    query->finish();
    const Result<void> attached = JoinTable::attachTargets(db, Devices, Pools, Owner, tasks);
    if (!attached)
        return attached.error();
    return tasks;
}

Result<QList<Task>> TaskRepository::list()
{
    return select(QStringLiteral("ORDER BY name"), {});
}

Result<std::optional<Task>> TaskRepository::byName(const QString &name)
{
    const Result<QList<Task>> found = select(QStringLiteral("WHERE name = ?"), {name});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Task>(found->first());
}

Result<std::optional<Task>> TaskRepository::byId(qint64 id)
{
    const Result<QList<Task>> found = select(QStringLiteral("WHERE id = ?"), {id});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Task>(found->first());
}

Result<QList<Task>> TaskRepository::due(qint64 now)
{
    return select(QStringLiteral("WHERE is_active = ? AND next_run_time <= ? ORDER BY "
                                 "next_run_time, id"),
                  {true, now});
}

Result<std::optional<qint64>> TaskRepository::nextDue()
{
    const Result<QVariant> next = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT MIN(next_run_time) FROM tasks WHERE is_active = ?"), {true});
    if (!next)
        return next.error();
    return SqlQuery::optionalId(next.value());
}

Result<void> TaskRepository::save(Task &task)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        if (task.id == 0) {
            const Result<QVariant> id = SqlQuery::scalar(
                db,
                QStringLiteral(
                    "INSERT INTO tasks (name, description, service_id, creator_id, "
                    "is_active, schedule, initial_payload, next_run_time, targets_given, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "RETURNING id"),
                {task.name, task.description, task.serviceId, SqlQuery::nullable(task.creatorId),
                 task.isActive, compact(task.schedule), compact(task.initialPayload),
                 SqlQuery::nullable(task.nextRunTime), task.targetsGiven, now, now});
            if (!id)
                return id.error();
            task.id = id->toLongLong();
            task.createdAt = now;
        } else {
            Result<void> updated = SqlQuery::exec(
                db,
                QStringLiteral("UPDATE tasks SET name = ?, description = ?, service_id = ?, "
                               "creator_id = ?, is_active = ?, schedule = ?, initial_payload = ?, "
                               "next_run_time = ?, targets_given = ?, updated_at = ? WHERE id = ?"),
                {task.name, task.description, task.serviceId, SqlQuery::nullable(task.creatorId),
                 task.isActive, compact(task.schedule), compact(task.initialPayload),
                 SqlQuery::nullable(task.nextRunTime), task.targetsGiven, now, task.id});
            if (!updated)
                return updated;
        }
        task.updatedAt = now;
        Result<void> devices = JoinTable::replace(db, Devices, Owner, QStringLiteral("device_id"),
                                                  task.id, task.deviceIds);
        if (!devices)
            return devices;
        return JoinTable::replace(db, Pools, Owner, QStringLiteral("pool_id"), task.id,
                                  task.poolIds);
    });
}

Result<void> TaskRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(), QStringLiteral("DELETE FROM tasks WHERE id = ?"),
                          {id});
}

Result<QList<Task>> TaskRepository::claim(const QList<Claim> &claims, qint64 now)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Task>> {
        // On PostgreSQL several nodes claim at once: the rows another node is claiming are
        // skipped, never waited for (that node is recording their runs); if it gives them up,
        // they are still due and this node's next look takes them.
        std::optional<QSet<qint64>> free;
        if (!m_database.isSqlite()) {
            QList<qint64> ids;
            for (const Claim &claim : claims)
                ids << claim.task.id;
            const auto [inIds, idList] = SqlQuery::inIds(db, QStringLiteral("id"), ids);
            Result<QSqlQuery> locked = SqlQuery::run(
                db,
                QStringLiteral("SELECT id FROM tasks WHERE %1 FOR UPDATE SKIP LOCKED").arg(inIds),
                {idList});
            if (!locked)
                return locked.error();
            free.emplace();
            while (locked->next())
                free->insert(locked->value(0).toLongLong());
        }
        QList<Task> claimed;
        for (const Claim &claim : claims) {
            if (free && !free->contains(claim.task.id))
                continue;
            Result<QSqlQuery> query = SqlQuery::run(
                db,
                QStringLiteral("UPDATE tasks SET next_run_time = ?, is_active = ?, "
                               "last_run_time = ? WHERE id = ? AND next_run_time = ?"),
                {SqlQuery::nullable(claim.next), claim.next.has_value(), now, claim.task.id,
                 claim.expected});
            if (!query)
                return query.error();
            if (query->numRowsAffected() == 1)
                claimed << claim.task;
        }
        return claimed;
    });
}

Result<void> TaskRepository::setLastRuntimes(const QHash<qint64, QString> &runtimes)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        for (auto it = runtimes.cbegin(); it != runtimes.cend(); ++it) {
            const Result<void> set =
                SqlQuery::exec(db, QStringLiteral("UPDATE tasks SET last_runtime = ? WHERE id = ?"),
                               {it.value(), it.key()});
            if (!set)
                return set.error();
        }
        return {};
    });
}

} // namespace Cairn
