#include "QueryDeadline.h"

#include "Database.h"
#include "SqlQuery.h"

#include <QSqlDriver>
#include <sqlite3.h>

namespace Cairn {

namespace {

constexpr int InstructionsBetweenChecks = 100;

int interruptWhenExpired(void *deadline)
{
    return static_cast<const QDeadlineTimer *>(deadline)->hasExpired() ? 1 : 0;
}

sqlite3 *sqliteHandle(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

QueryDeadline::QueryDeadline(Database &database, int timeoutMs)
    : m_connection(database.connection())
    , m_deadline(timeoutMs)
{
    if (database.isSqlite()) {
        m_postgres = false;
        m_sqlite = sqliteHandle(m_connection);
        if (m_sqlite)
            sqlite3_progress_handler(m_sqlite, InstructionsBetweenChecks, interruptWhenExpired,
                                     &m_deadline);
        return;
    }
    (void)SqlQuery::exec(m_connection,
                         QStringLiteral("SET statement_timeout = %1").arg(qMax(1, timeoutMs)));
}

QueryDeadline::~QueryDeadline()
{
    if (m_sqlite)
        sqlite3_progress_handler(m_sqlite, 0, nullptr, nullptr);
    if (m_postgres)
        (void)SqlQuery::exec(m_connection, QStringLiteral("RESET statement_timeout"));
}

} // namespace Cairn
