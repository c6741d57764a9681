#pragma once

#include "Result.h"
#include "Task.h"

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
    // Moves a due task on to `next` (none: it is over, and inactive) if it is still due at
    // `expected`: false when another scheduler took it first, so each firing happens once.
    Result<bool> claim(const Task &task, qint64 expected, std::optional<qint64> next, qint64 now);
    Result<void> setLastRuntime(qint64 id, const QString &runtime);

private:
    Result<QList<Task>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
