#pragma once

#include "Result.h"
#include "Task.h"

#include <QHash>
#include <optional>

namespace Cairn {

class Database;

// The tasks table and each task's target devices and pools.
class TaskRepository
{
public:
    explicit TaskRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Task>> list();
    Result<std::optional<Task>> byName(const QString &name);
    Result<std::optional<Task>> byId(qint64 id);
    // Active tasks due at `now` (ms), earliest first.
    Result<QList<Task>> due(qint64 now);
    // When the earliest active task is due; none when no task will fire.
    Result<std::optional<qint64>> nextDue();
    // Inserts or updates (by id) the task and replaces its targets, in one transaction.
    Result<void> save(Task &task);
    Result<void> remove(qint64 id);
    // A due task to move on to `next` (none: it is over, and inactive) if it is still due at
    // `expected`.
    struct Claim
    {
        Task task;
        qint64 expected = 0;
        std::optional<qint64> next;
    };
    // Moves the due tasks on in one transaction (a burst of firings is one write, not one
    // each) and returns those claimed here: not those another scheduler took first, so each
    // firing happens once.
    Result<QList<Task>> claim(const QList<Claim> &claims, qint64 now);
    // Each task's last run (by id), in one transaction.
    Result<void> setLastRuntimes(const QHash<qint64, QString> &runtimes);

private:
    Result<QList<Task>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
