#include "Database.h"

#include "Migrator.h"
#include "SqlQuery.h"
#include "ThreadConnection.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QThread>
#include <mutex>
#include <sqlite3.h>

// Debug (each migration file) only when asked for: QT_LOGGING_RULES="cairn.db.debug=true".
Q_LOGGING_CATEGORY(lcDb, "cairn.db", QtInfoMsg)

namespace Cairn {

namespace {
QAtomicInteger<quint64> s_instanceCounter;
constexpr int BusyTimeoutMs = 15000;
} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_connectionPrefix(QStringLiteral("cairn-%1-").arg(s_instanceCounter.fetchAndAddRelaxed(1)))
{
    // SQLite counts every allocation under one process-wide mutex unless told not to; with a
    // connection per thread, that mutex is where concurrent requests queue. Only possible
    // before SQLite's first use; later it is refused, harmlessly.
    static std::once_flag statisticsOff;
    std::call_once(statisticsOff, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

Database::~Database()
{
    // Only this thread's connection can be closed here; the others go with their threads.
    m_connections.setLocalData(nullptr);
}

Result<void> Database::open()
{
    const Result<QSqlDatabase> db = openConnection();
    if (!db)
        return db.error();
    return Migrator(*this).apply();
}

QSqlDatabase Database::connection()
{
    if (m_connections.hasLocalData() && m_connections.localData())
        return QSqlDatabase::database(m_connections.localData()->name(), false);
    const Result<QSqlDatabase> db = openConnection();
    if (!db) {
        qCCritical(lcDb) << "cannot open database:" << db.error().message;
        return {};
    }
    return db.value();
}

Result<QSqlDatabase> Database::openConnection()
{
    const QString name =
        m_connectionPrefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()));
    if (m_connections.hasLocalData() && m_connections.localData())
        return QSqlDatabase::database(name, false);

    QSqlDatabase db;
    if (isSqlite()) {
        const QFileInfo file(m_config.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            return Error::internal(
                QStringLiteral("Cannot create data directory %1").arg(file.absolutePath()));
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_config.sqlitePath);
        // REGEXP (used by set queries) is Qt's QRegularExpression search, as PostgreSQL's ~.
        db.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1;QSQLITE_ENABLE_REGEXP").arg(BusyTimeoutMs));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setDatabaseName(m_config.databaseName);
        QStringList options{QStringLiteral("connect_timeout=10")};
        if (!m_config.sslMode.isEmpty())
            options << QStringLiteral("sslmode=") + m_config.sslMode;
        if (!m_config.sslRootCert.isEmpty())
            options << QStringLiteral("sslrootcert=") + m_config.sslRootCert;
        db.setConnectOptions(options.join(QLatin1Char(';')));
    }
    if (!db.open()) {
        const QString reason = db.lastError().text();
        db = {};
        QSqlDatabase::removeDatabase(name);
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot open %1: %2").arg(m_config.describe(), reason),
                     {}};
    }
    const QStringList pragmas = isSqlite()
                                    ? QStringList{QStringLiteral("PRAGMA journal_mode=WAL"),
                                                  QStringLiteral("PRAGMA synchronous=NORMAL"),
                                                  // No mmap_size: every connection remaps
                                                  // the file each time a checkpoint grows it,
                                                  // and with a connection per worker thread
                                                  // that cost twice what pread() does (the
                                                  // toolkit benchmark's log writes).
                                                  QStringLiteral("PRAGMA foreign_keys=ON"),
                                                  // 16 MiB of pages at most (SQLite's default
                                                  // is 2 MiB): a bulk import's indexes stay in
                                                  // memory instead of being read back from the
                                                  // file page by page. Taken only as used.
                                                  QStringLiteral("PRAGMA cache_size=-16384")}
                                    : QStringList{QStringLiteral("SET TIME ZONE 'UTC'")};
    for (const QString &pragma : pragmas) {
        Result<QSqlQuery> done = SqlQuery::run(db, pragma);
        // Turning a new file to WAL needs it alone for a moment; SQLite answers "locked" at once,
        // without waiting in its busy handler, when another process is doing the same (two
        // first starts together). The mode is the file's: the second try finds it set.
        for (int attempt = 1; !done && pragma.contains(u"journal_mode") && attempt < 50;
             ++attempt) {
            QThread::msleep(20);
            done = SqlQuery::run(db, pragma);
        }
        if (!done)
            return done.error();
    }
    m_connections.setLocalData(new ThreadConnection(name));
    return db;
}

} // namespace Cairn
