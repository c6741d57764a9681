#include "Transaction.h"

#include "Database.h"
#include "SqlQuery.h"

namespace Cairn {

namespace {

// The transaction open on this thread (0: none), numbered so work can happen once per one.
thread_local quint64 t_current = 0;
thread_local quint64 t_last = 0;

} // namespace

quint64 Transaction::current()
{
    return t_current;
}

Transaction::Transaction(Database &database)
    : m_db(database.connection())
{
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
    if (m_open)
        (void)SqlQuery::run(m_db, QStringLiteral("ROLLBACK"));
    t_current = 0;
}

Result<void> Transaction::commit()
{
    if (!m_open)
        return m_begun.ok() ? Error::internal(QStringLiteral("Transaction already ended."))
                            : m_begun.error();
    const Result<QSqlQuery> done = SqlQuery::run(m_db, QStringLiteral("COMMIT"));
    if (!done)
        return done.error();
    m_open = false;
    t_current = 0;
    m_turn.release();
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
