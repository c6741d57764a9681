#include "WriteTurn.h"

#include "Transaction.h"

#include <QMutex>

namespace Cairn {

namespace {

// One turn for the process: tests open several SQLite files in one process, and a turn shared
// between them only orders their writes.
QMutex s_turn;
// Whether this thread holds the turn, so nothing it runs while holding it waits on itself.
thread_local bool t_holding = false;
// How long a writer waits for its turn before going on without it (SQLite's lock still
// orders the writes): as long as SQLite itself would wait, so a writer blocked by something
// that holds the turn fails as it did before, rather than hanging.
constexpr int LongestWaitMs = 15000;

bool writes(const QString &sql)
{
    const QStringView text = QStringView(sql).trimmed();
    for (const QLatin1String verb : {QLatin1String("INSERT"), QLatin1String("UPDATE"),
                                     QLatin1String("DELETE"), QLatin1String("REPLACE")}) {
        if (text.startsWith(verb, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE");
}

} // namespace

void WriteTurn::takeForTransaction(const QSqlDatabase &db)
{
    if (isSqlite(db))
        take();
}

void WriteTurn::takeForStatement(const QSqlDatabase &db, const QString &sql)
{
    // Inside a transaction the transaction holds the turn already.
    if (isSqlite(db) && Transaction::current() == 0 && writes(sql))
        take();
}

void WriteTurn::take()
{
    if (m_held || t_holding)
        return;
    m_held = s_turn.tryLock(LongestWaitMs);
    t_holding = m_held;
}

void WriteTurn::release()
{
    if (!m_held)
        return;
    m_held = false;
    t_holding = false;
    s_turn.unlock();
}

} // namespace Cairn
