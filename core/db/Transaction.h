#pragma once

#include "Result.h"
#include "WriteTurn.h"

#include <QSqlDatabase>
#include <functional>
#include <initializer_list>

namespace Cairn {

class Database;

// One unit of work on this thread's connection: rolled back unless commit() succeeds. On SQLite
// it takes the write lock up front (BEGIN IMMEDIATE) so two writers wait on the busy timeout
// instead of failing when a read lock cannot be upgraded. Begun inside another transaction of
// the same thread, it is a savepoint of that one.
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

    // Runs `work(db)` in one transaction: committed when it returns a value, rolled back when
    // it returns an error (or when the commit fails).
    template <typename Work>
    static auto run(Database &database, Work &&work) -> decltype(work(QSqlDatabase()))
    {
        Transaction transaction(database);
        if (!transaction.begun())
            return transaction.begun().error();
        auto result = work(transaction.db());
        if (!result)
            return result;
        const Result<void> committed = transaction.commit();
        if (!committed)
            return committed.error();
        return result;
    }

    // Calls `ended(committed)` once the transaction open on this thread has ended (at once,
    // with true, when none is): work that others must not see before the rows it reads are
    // there to be read (a job's start). Inside a savepoint that is undone, it is called with
    // false then; otherwise it waits for the outermost transaction.
    static void whenEnded(std::function<void(bool committed)> ended);
    // A number for the transaction open on this thread, 0 when there is none.
    static quint64 current();
    // Runs the steps in order and stops at the first that fails.
    static Result<void> allOf(std::initializer_list<std::function<Result<void>()>> steps);

private:
    // Calls what whenEnded() left for depths from `depth` on, and forgets it.
    static void endDepth(int depth, bool committed);

    WriteTurn m_turn;
    QSqlDatabase m_db;
    // Set when this one is a savepoint inside the thread's open transaction.
    QString m_savepoint;
    // The enclosing transaction's number, current again once this savepoint ends.
    quint64 m_outer = 0;
    Result<void> m_begun;
    bool m_open = false;
};

} // namespace Cairn
