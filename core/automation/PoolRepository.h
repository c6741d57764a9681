#pragma once

#include "Pool.h"
#include "Result.h"

#include <optional>

namespace Cairn {

class Database;

// The pools table and the hand-picked members of manually defined pools.
class PoolRepository
{
public:
    explicit PoolRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Pool>> list();
    Result<std::optional<Pool>> byName(const QString &name);
    // Inserts or updates (by id) the pool and replaces its members, in one transaction.
    Result<void> save(Pool &pool);
    Result<void> remove(qint64 id);

private:
    Result<QList<Pool>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
