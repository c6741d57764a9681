#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Cairn {

// SQLite lets one connection write at a time, and a writer that finds the lock taken sleeps in
// SQLite's busy handler in growing steps (1, 2, 5 ... 100 ms) however soon the lock is free:
// a burst of small writes from many threads (scheduled runs, toolkit logs) then spends most
// of its time asleep. Writers in this process take turns on a mutex instead, which wakes the
// next at once; SQLite's own lock still guards against other processes (the CLI).
class WriteTurn
{
public:
    WriteTurn() = default;
    ~WriteTurn() { release(); }
    WriteTurn(const WriteTurn &) = delete;
    WriteTurn &operator=(const WriteTurn &) = delete;

    // For a transaction about to begin on `db`: taken when `db` is SQLite.
    void takeForTransaction(const QSqlDatabase &db);
    // For one statement run outside a transaction: taken when `db` is SQLite and `sql` writes.
    void takeForStatement(const QSqlDatabase &db, const QString &sql);
    void release();

private:
    void take();

    bool m_held = false;
};

} // namespace Cairn
