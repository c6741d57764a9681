#pragma once

#include "Result.h"

#include <QString>

namespace Cairn {

class Database;

// Applies the numbered SQL files under :/cairn/migrations in order, each in its own
// transaction, recording them in schema_migrations. Several processes may start at once (a
// server and `cairn user add`): PostgreSQL serialises them with an advisory lock, SQLite with
// its write lock, and each re-reads what is applied once it holds the lock.
class Migrator
{
public:
    explicit Migrator(Database &database)
        : m_database(database)
    {
    }

    // Applies what is new and says so in one line ("database at version N").
    Result<void> apply();

    // The migration SQL with the driver-specific spellings filled in ({{pk}}, {{blob}}).
    static QString render(const QString &sql, bool sqlite);

private:
    // Whether it was applied now (false: it was before).
    Result<bool> applyOne(int version, const QString &name, const QString &sql);

    Database &m_database;
};

} // namespace Cairn
