#pragma once

#include "DatabaseConfig.h"
#include "Result.h"

#include <QSqlDatabase>
#include <QThreadStorage>

namespace Cairn {

class ThreadConnection;

// The one place that knows how to reach the database. QSqlDatabase must not cross threads, so
// every thread (listener, worker, GUI) gets its own named connection, opened on first use and
// closed when the thread ends.
class Database
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseConfig &config() const { return m_config; }
    bool isSqlite() const { return m_config.driver == DatabaseConfig::Driver::Sqlite; }

    // Opens this thread's connection (creating the SQLite file and folder if needed) and
    // applies pending migrations. Call once at start before handing the Database to others.
    Result<void> open();

    // This thread's connection; check isOpen() only where open() was not called first.
    QSqlDatabase connection();

private:
    Result<QSqlDatabase> openConnection();

    DatabaseConfig m_config;
    QString m_connectionPrefix;
    QThreadStorage<ThreadConnection *> m_connections;
};

} // namespace Cairn
