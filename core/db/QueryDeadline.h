#pragma once

#include <QDeadlineTimer>
#include <QSqlDatabase>

struct sqlite3;

namespace Cairn {

class Database;

// Bounds how long the statements of this thread's connection may run while it lives, for
// queries whose cost a caller chooses (set queries with regular expressions): SQLite asks a
// progress handler every hundred instructions, PostgreSQL enforces statement_timeout (set
// locally, in a read-only transaction of the deadline's lifetime). Not for use inside another
// transaction. A
// statement past the deadline fails, and expired() tells that failure from any other.
class QueryDeadline
{
public:
    QueryDeadline(Database &database, int timeoutMs);
    ~QueryDeadline();
    Q_DISABLE_COPY_MOVE(QueryDeadline)

    bool expired() const { return m_deadline.hasExpired(); }

private:
    QSqlDatabase m_connection;
    QDeadlineTimer m_deadline;
    sqlite3 *m_sqlite = nullptr;
    // PostgreSQL: the read-only transaction that holds SET LOCAL statement_timeout.
    bool m_transaction = false;
};

} // namespace Cairn
