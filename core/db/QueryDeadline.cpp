#include "QueryDeadline.h"

#include "Database.h"
#include "SqlQuery.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <sqlite3.h>

Q_DECLARE_LOGGING_CATEGORY(lcDb)

namespace Cairn {

namespace {

constexpr int InstructionsBetweenChecks = 100;

int interruptWhenExpired(void *deadline)
{
    return static_cast<const QDeadlineTimer *>(deadline)->hasExpired() ? 1 : 0;
}

// The handle, when Qt's driver uses the SQLite library Cairn links (Debian's Qt does; a Qt
// built with its own copy would not, and the progress handler must then stay unset).
sqlite3 *sqliteHandle(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    static const bool sameLibrary = [&connection] {
        const Result<QVariant> version =
            SqlQuery::scalar(connection, QStringLiteral("SELECT sqlite_version()"));
        const bool same = version && version->toString() == QLatin1String(sqlite3_libversion());
        if (!same)
            qCWarning(lcDb) << "Qt's SQLite is not the system's: set queries have no deadline";
        return same;
    }();
    return sameLibrary ? *static_cast<sqlite3 *const *>(handle.constData()) : nullptr;
}

} // namespace

QueryDeadline::QueryDeadline(Database &database, int timeoutMs)
    : m_connection(database.connection())
    , m_deadline(timeoutMs)
{
    if (database.isSqlite()) {
        m_sqlite = sqliteHandle(m_connection);
        if (m_sqlite)
            sqlite3_progress_handler(m_sqlite, InstructionsBetweenChecks, interruptWhenExpired,
                                     &m_deadline);
        return;
    }
    // SET LOCAL ends with the transaction: the limit never stays on the connection (nor on a
    // pooler's backend that another client gets next).
    m_transaction = SqlQuery::exec(m_connection, QStringLiteral("BEGIN")).ok();
    if (m_transaction)
        (void)SqlQuery::exec(
            m_connection,
            QStringLiteral("SET LOCAL statement_timeout = %1").arg(qMax(1, timeoutMs)));
}

QueryDeadline::~QueryDeadline()
{
    if (m_sqlite)
        sqlite3_progress_handler(m_sqlite, 0, nullptr, nullptr);
    // Only reads ran: nothing to keep.
    if (m_transaction)
        (void)SqlQuery::exec(m_connection, QStringLiteral("ROLLBACK"));
}

} // namespace Cairn
