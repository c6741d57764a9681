#include "Transaction.h"

#include "Database.h"
#include "SqlQuery.h"

#include <QList>
#include <QSqlDriver>
#include <libpq-fe.h>

namespace Cairn {

namespace {

// PostgreSQL answers COMMIT in a transaction that a failed statement has aborted with a
// ROLLBACK, and no error: a caller that went on past the failure would be told it committed.
// libpq knows the state without asking the server.
bool abortedOnServer(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // Qt names the type by its struct (pg_conn*); its documentation by the typedef.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return false;
    PGconn *const connection = *static_cast<PGconn *const *>(handle.constData());
    return connection && PQtransactionStatus(connection) == PQTRANS_INERROR;
}

// The transaction open on this thread (0: none), numbered so work can happen once per one.
thread_local quint64 t_current = 0;
thread_local quint64 t_last = 0;
// Savepoints open inside it, each named by its depth.
thread_local int t_depth = 0;
// What waits for the end of the transaction open on this thread, with the depth it was left at
// (0: the transaction itself, n: its n-th savepoint).
struct Waiting
{
    int depth;
    std::function<void(bool)> ended;
};
thread_local QList<Waiting> t_waiting;

} // namespace

void Transaction::whenEnded(std::function<void(bool committed)> ended)
{
    if (t_current == 0) {
        ended(true);
        return;
    }
    t_waiting.append({t_depth, std::move(ended)});
}

void Transaction::endDepth(int depth, bool committed)
{
    QList<Waiting> due;
    for (qsizetype i = 0; i < t_waiting.size();) {
        if (t_waiting.at(i).depth >= depth)
            due.append(t_waiting.takeAt(i));
        else
            ++i;
    }
    for (const Waiting &waiting : std::as_const(due))
        waiting.ended(committed);
}

quint64 Transaction::current()
{
    return t_current;
}

Transaction::Transaction(Database &database)
    : m_db(database.connection())
{
    // Inside another transaction of this thread this one is a savepoint of it: a part that
    // fails is undone alone, and the outer one still decides whether anything stays (an import
    // that is cancelled changes nothing, one that ends keeps every part that succeeded).
    if (t_current != 0) {
        m_savepoint = QStringLiteral("part_%1").arg(++t_depth);
        const Result<QSqlQuery> begin =
            SqlQuery::run(m_db, QStringLiteral("SAVEPOINT ") + m_savepoint);
        if (begin) {
            m_open = true;
            // A number of its own: work done once per transaction (ChangeLog's bump) is done
            // again when a part that did it is undone.
            m_outer = t_current;
            t_current = ++t_last;
        } else {
            --t_depth;
            m_begun = begin.error();
        }
        return;
    }
    m_turn.takeForTransaction(m_db);
    const Result<QSqlQuery> begin = SqlQuery::run(
        m_db, database.isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    if (begin) {
        m_open = true;
        t_current = ++t_last;
    } else {
        m_begun = begin.error();
        m_turn.release();
    }
}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    if (!m_savepoint.isEmpty()) {
        // Undone, then let go: the outer transaction goes on without this part.
        (void)SqlQuery::run(m_db, QStringLiteral("ROLLBACK TO SAVEPOINT ") + m_savepoint);
        (void)SqlQuery::run(m_db, QStringLiteral("RELEASE SAVEPOINT ") + m_savepoint);
        endDepth(t_depth, false);
        --t_depth;
        t_current = m_outer;
        return;
    }
    (void)SqlQuery::run(m_db, QStringLiteral("ROLLBACK"));
    t_current = 0;
    endDepth(0, false);
}

Result<void> Transaction::commit()
{
    if (!m_open)
        return m_begun.ok() ? Error::internal(QStringLiteral("Transaction already ended."))
                            : m_begun.error();
    if (!m_savepoint.isEmpty()) {
        const Result<QSqlQuery> done =
            SqlQuery::run(m_db, QStringLiteral("RELEASE SAVEPOINT ") + m_savepoint);
        if (!done)
            return done.error();
        m_open = false;
        // What this part left now waits for the enclosing one.
        for (Waiting &waiting : t_waiting) {
            if (waiting.depth == t_depth)
                --waiting.depth;
        }
        --t_depth;
        t_current = m_outer;
        return {};
    }
    // Left open: the destructor rolls it back and says so to what waits for its end.
    if (abortedOnServer(m_db))
        return Error::internal(
            QStringLiteral("A statement of this transaction failed; nothing of it was kept."));
    const Result<QSqlQuery> done = SqlQuery::run(m_db, QStringLiteral("COMMIT"));
    if (!done)
        return done.error();
    m_open = false;
    t_current = 0;
    m_turn.release();
    endDepth(0, true);
    return {};
}

Result<void> Transaction::allOf(std::initializer_list<std::function<Result<void>()>> steps)
{
    for (const auto &step : steps) {
        Result<void> done = step();
        if (!done)
            return done;
    }
    return {};
}

} // namespace Cairn
