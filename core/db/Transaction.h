#pragma once

#include "Result.h"

#include <QSqlDatabase>

namespace Cairn {

class Database;

// One unit of work on this thread's connection: rolled back unless commit() succeeds. On SQLite
// it takes the write lock up front (BEGIN IMMEDIATE) so two writers wait on the busy timeout
// instead of failing when a read lock cannot be upgraded.
class Transaction
{
public:
    explicit Transaction(Database &database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Whether BEGIN succeeded; check before doing work.
    Result<void> begun() const { return m_begun; }
    QSqlDatabase db() const { return m_db; }
    Result<void> commit();

private:
    QSqlDatabase m_db;
    Result<void> m_begun;
    bool m_open = false;
};

} // namespace Cairn
