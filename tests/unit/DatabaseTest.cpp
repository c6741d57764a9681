#include "CoreServices.h"
#include "TestBackend.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

std::unique_ptr<CoreServices> openCore(const CoreOptions &options)
{
    Result<std::unique_ptr<CoreServices>> core = CoreServices::open(options);
    EXPECT_TRUE(core.ok()) << (core.ok() ? "" : qPrintable(core.error().message));
    return core.ok() ? std::move(core).value() : nullptr;
}

QVariant scalar(Database &database, const QString &sql)
{
    const Result<QVariant> value = SqlQuery::scalar(database.connection(), sql);
    EXPECT_TRUE(value.ok());
    return value.ok() ? value.value() : QVariant();
}

} // namespace

TEST(DatabaseConfig, ParsesUrlsAndRefusesPasswords)
{
    const auto sqlite = DatabaseConfig::fromUrl(QString(), QStringLiteral("/data"));
    ASSERT_TRUE(sqlite.ok());
    EXPECT_EQ(sqlite->sqlitePath, QStringLiteral("/data/cairn.sqlite"));

    const auto postgres =
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://cairn@db.example:6543/inventory"), {});
    ASSERT_TRUE(postgres.ok());
    EXPECT_EQ(postgres->driver, DatabaseConfig::Driver::Postgres);
    EXPECT_EQ(postgres->host, QStringLiteral("db.example"));
    EXPECT_EQ(postgres->port, 6543);
    EXPECT_EQ(postgres->user, QStringLiteral("cairn"));
    EXPECT_EQ(postgres->databaseName, QStringLiteral("inventory"));

    const auto withPassword =
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://cairn:secret@db/inventory"), {});
    ASSERT_FALSE(withPassword.ok());
    EXPECT_TRUE(withPassword.error().fields.contains(QStringLiteral("database")));
    EXPECT_FALSE(DatabaseConfig::fromUrl(QStringLiteral("mysql://x@y/z"), {}).ok());
    EXPECT_FALSE(DatabaseConfig::fromUrl(QStringLiteral("postgresql://db/inventory"), {}).ok());

    const auto tls = DatabaseConfig::fromUrl(
        QStringLiteral(
            "postgresql://cairn@db/inventory?sslmode=verify-full&sslrootcert=/etc/ca.pem"),
        {});
    ASSERT_TRUE(tls.ok());
    EXPECT_EQ(tls->sslMode, QStringLiteral("verify-full"));
    EXPECT_EQ(tls->sslRootCert, QStringLiteral("/etc/ca.pem"));
    for (const QString &url :
         {QStringLiteral("postgresql://cairn@db/inventory?sslmode=maybe"),
          QStringLiteral("postgresql://cairn@db/inventory?sslrootcert=relative.pem"),
          QStringLiteral("postgresql://cairn@db/inventory?options=-c%20x"),
          // libpq takes it unquoted: a space would add options (another host, no TLS).
          QStringLiteral("postgresql://cairn@db/inventory?sslrootcert=/x%20hostaddr=203.0.113.9"),
          QStringLiteral("postgresql://cairn@db/inventory?sslrootcert=/x%3Bsslmode=disable")})
        EXPECT_FALSE(DatabaseConfig::fromUrl(url, {}).ok()) << qPrintable(url);
}

// sslmode reaches libpq: a server without TLS refuses a client that requires it.
TEST(Database, PostgresqlHonoursSslmode)
{
    QTemporaryDir dir;
    CoreOptions options = Cairn::Test::TestBackend::freshOptions(dir.path());
    if (options.database.driver != DatabaseConfig::Driver::Postgres)
        GTEST_SKIP() << "a PostgreSQL setting";
    options.database.sslMode = QStringLiteral("require");
    const Result<std::unique_ptr<CoreServices>> refused = CoreServices::open(options);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QLatin1String("SSL")))
        << qPrintable(refused.error().message);
    options.database.sslMode = QStringLiteral("disable");
    EXPECT_TRUE(CoreServices::open(options).ok());
}

TEST(Database, MigratesOnceAndCreatesTheDefaultSite)
{
    QTemporaryDir dir;
    const CoreOptions options = Cairn::Test::TestBackend::freshOptions(dir.path());
    {
        const auto core = openCore(options);
        ASSERT_TRUE(core);
        EXPECT_EQ(scalar(core->database(), QStringLiteral("SELECT name FROM sites WHERE id = 1"))
                      .toString(),
                  QStringLiteral("Default"));
        EXPECT_GE(scalar(core->database(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations"))
                      .toInt(),
                  1);
    }
    // Opening again applies nothing twice and keeps what was there.
    const auto again = openCore(options);
    ASSERT_TRUE(again);
    EXPECT_EQ(scalar(again->database(), QStringLiteral("SELECT COUNT(*) FROM sites")).toInt(), 1);
}

TEST(Database, TwoProcessesMayMigrateAtOnce)
{
    QTemporaryDir dir;
    const CoreOptions options = Cairn::Test::TestBackend::freshOptions(dir.path());
    Result<std::unique_ptr<CoreServices>> first = Error::internal(QString());
    Result<std::unique_ptr<CoreServices>> second = Error::internal(QString());
    std::thread other([&] { second = CoreServices::open(options); });
    first = CoreServices::open(options);
    other.join();
    ASSERT_TRUE(first.ok()) << qPrintable(first.error().message);
    ASSERT_TRUE(second.ok()) << qPrintable(second.error().message);
    EXPECT_EQ(
        scalar(first.value()->database(), QStringLiteral("SELECT COUNT(*) FROM sites")).toInt(), 1);
}

TEST(Database, EnforcesForeignKeysAndReportsConflicts)
{
    QTemporaryDir dir;
    const auto core = openCore(Cairn::Test::TestBackend::freshOptions(dir.path()));
    ASSERT_TRUE(core);
    const Result<QSqlQuery> orphan = SqlQuery::run(
        core->database().connection(),
        QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES (999, 999)"));
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, ErrorCode::Conflict);
    const Result<QSqlQuery> duplicate = SqlQuery::run(
        core->database().connection(), QStringLiteral("INSERT INTO sites (name) VALUES (?)"),
        {QStringLiteral("Default")});
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, ErrorCode::Conflict);
}

TEST(Database, SqliteUsesWriteAheadLogging)
{
    if (Cairn::Test::TestBackend::isPostgres())
        GTEST_SKIP() << "SQLite only";
    QTemporaryDir dir;
    const auto core = openCore(Cairn::Test::TestBackend::freshOptions(dir.path()));
    ASSERT_TRUE(core);
    EXPECT_EQ(scalar(core->database(), QStringLiteral("PRAGMA journal_mode")).toString(),
              QStringLiteral("wal"));
    EXPECT_EQ(scalar(core->database(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
}

TEST(Database, EachThreadHasItsOwnConnection)
{
    QTemporaryDir dir;
    const auto core = openCore(Cairn::Test::TestBackend::freshOptions(dir.path()));
    ASSERT_TRUE(core);
    const QString mainName = core->database().connection().connectionName();
    QString workerName;
    bool workerOpen = false;
    std::thread worker([&] {
        const QSqlDatabase db = core->database().connection();
        workerName = db.connectionName();
        workerOpen = db.isOpen();
    });
    worker.join();
    EXPECT_TRUE(workerOpen);
    EXPECT_NE(mainName, workerName);
}

// Statements are prepared once per thread and kept (SqlQuery::scalar and exec): each run binds
// its own values, reports its own failure, and is finished before returning, so a write is
// committed and visible to other connections at once and no reader pins an old snapshot.
TEST(Database, KeptStatementsCommitAtOnceAndBindTheirOwnValues)
{
    QTemporaryDir dir;
    const auto core = openCore(Cairn::Test::TestBackend::freshOptions(dir.path()));
    ASSERT_TRUE(core);
    Database &database = core->database();
    const QString insert = QStringLiteral("INSERT INTO sites (name) VALUES (?) RETURNING id");
    const QString nameOf = QStringLiteral("SELECT name FROM sites WHERE id = ?");
    const auto visibleElsewhere = [&](qint64 id) {
        QString seen;
        std::thread other([&] {
            seen = SqlQuery::scalar(database.connection(), nameOf, {id}).value().toString();
        });
        other.join();
        return seen;
    };
    for (const QString &name : {QStringLiteral("Lab"), QStringLiteral("Edge")}) {
        const Result<QVariant> id = SqlQuery::scalar(database.connection(), insert, {name});
        ASSERT_TRUE(id.ok());
        EXPECT_EQ(visibleElsewhere(id->toLongLong()), name);
        EXPECT_EQ(SqlQuery::scalar(database.connection(), nameOf, {id.value()})->toString(), name);
    }
    // Fewer values than the text has places: refused, never completed with the last caller's.
    const QString both = QStringLiteral("SELECT name FROM sites WHERE id > ? AND name = ?");
    EXPECT_EQ(SqlQuery::scalar(database.connection(), both, {0, QStringLiteral("Lab")})->toString(),
              QStringLiteral("Lab"));
    EXPECT_FALSE(SqlQuery::scalar(database.connection(), both, {0}).ok());
    for (int attempt = 0; attempt < 2; ++attempt) {
        const Result<QVariant> again =
            SqlQuery::scalar(database.connection(), insert, {QStringLiteral("Lab")});
        ASSERT_FALSE(again.ok());
        EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    }
    ASSERT_TRUE(SqlQuery::exec(database.connection(),
                               QStringLiteral("UPDATE sites SET description = ? WHERE name = ?"),
                               {QStringLiteral("rack room"), QStringLiteral("Lab")})
                    .ok());
    if (!Cairn::Test::TestBackend::isPostgres()) {
        // A checkpoint that must wait for every reader completes: nothing is left reading.
        const QVariant busy = scalar(database, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        EXPECT_EQ(busy.toInt(), 0);
    }
}

namespace {
QStringList s_dbMessages;
void keepDbMessages(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QLatin1String(context.category) == QLatin1String("cairn.db"))
        s_dbMessages << message;
}
} // namespace

// Migrating says one line ("database at version N"), not one per file; opening a database that
// is up to date says nothing.
TEST(Database, MigrationsAreReportedInOneLine)
{
    QTemporaryDir dir;
    const CoreOptions options = Cairn::Test::TestBackend::freshOptions(dir.path());
    s_dbMessages.clear();
    // The tests' main silences information; this one is what is looked at.
    QLoggingCategory::setFilterRules(QStringLiteral("cairn.*.info=false\ncairn.db.info=true"));
    const QtMessageHandler previous = qInstallMessageHandler(keepDbMessages);
    {
        const auto core = openCore(options);
        ASSERT_TRUE(core);
    }
    const QStringList first = s_dbMessages;
    s_dbMessages.clear();
    {
        const auto again = openCore(options);
        ASSERT_TRUE(again);
    }
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QStringLiteral("cairn.*.info=false"));
    ASSERT_EQ(first.size(), 1) << qPrintable(first.join(QLatin1Char('\n')));
    EXPECT_TRUE(first.first().startsWith(QLatin1String("database at version ")))
        << qPrintable(first.first());
    EXPECT_TRUE(s_dbMessages.isEmpty()) << qPrintable(s_dbMessages.join(QLatin1Char('\n')));
}

// Work left for a transaction's end (a job's start) happens once its rows are there for others
// to read, and never for rows that were undone, however deep the savepoint that left it.
TEST(Database, WorkLeftForTheEndOfATransactionWaitsForTheOutermostCommit)
{
    QTemporaryDir dir;
    const auto core = openCore(Cairn::Test::TestBackend::freshOptions(dir.path()));
    ASSERT_TRUE(core);
    Database &database = core->database();
    QStringList ended;
    const auto note = [&ended](const QString &what) {
        return [&ended, what](bool committed) {
            ended << what + (committed ? QStringLiteral(" committed") : QStringLiteral(" undone"));
        };
    };
    Transaction::whenEnded(note(QStringLiteral("outside")));
    EXPECT_EQ(ended, QStringList{QStringLiteral("outside committed")});
    ended.clear();
    {
        Transaction outer(database);
        ASSERT_TRUE(outer.begun().ok());
        Transaction::whenEnded(note(QStringLiteral("outer")));
        {
            Transaction kept(database);
            ASSERT_TRUE(kept.begun().ok());
            Transaction::whenEnded(note(QStringLiteral("kept part")));
            ASSERT_TRUE(kept.commit().ok());
        }
        {
            Transaction undone(database);
            ASSERT_TRUE(undone.begun().ok());
            Transaction::whenEnded(note(QStringLiteral("undone part")));
        }
        EXPECT_EQ(ended, QStringList{QStringLiteral("undone part undone")});
        ASSERT_TRUE(outer.commit().ok());
    }
    EXPECT_EQ(ended,
              (QStringList{QStringLiteral("undone part undone"), QStringLiteral("outer committed"),
                           QStringLiteral("kept part committed")}));
    ended.clear();
    {
        Transaction rolledBack(database);
        ASSERT_TRUE(rolledBack.begun().ok());
        Transaction::whenEnded(note(QStringLiteral("rolled back")));
    }
    EXPECT_EQ(ended, QStringList{QStringLiteral("rolled back undone")});
}

TEST(Database, ATransactionAStatementFailedInIsNeverReportedCommitted)
{
    QTemporaryDir dir;
    const auto core = openCore(Cairn::Test::TestBackend::freshOptions(dir.path()));
    ASSERT_TRUE(core);
    Database &database = core->database();
    const QSqlDatabase db = database.connection();
    ASSERT_TRUE(SqlQuery::exec(db, QStringLiteral("CREATE TABLE kept (name TEXT)")).ok());
    bool committed = true;
    Result<void> commit;
    {
        Transaction transaction(database);
        ASSERT_TRUE(transaction.begun().ok());
        Transaction::whenEnded([&committed](bool ended) { committed = ended; });
        ASSERT_TRUE(SqlQuery::exec(db, QStringLiteral("INSERT INTO kept VALUES ('first')")).ok());
        // A failure the caller goes on past.
        EXPECT_FALSE(SqlQuery::exec(db, QStringLiteral("INSERT INTO missing VALUES (1)")).ok());
        commit = transaction.commit();
    }
    const qint64 rows =
        SqlQuery::scalar(db, QStringLiteral("SELECT COUNT(*) FROM kept")).value().toLongLong();
    if (Cairn::Test::TestBackend::isPostgres()) {
        // The server threw the transaction away: the commit says so, and so does its end.
        EXPECT_FALSE(commit.ok());
        EXPECT_FALSE(committed);
        EXPECT_EQ(rows, 0);
    } else {
        // SQLite undoes the failed statement only: the rest commits.
        EXPECT_TRUE(commit.ok());
        EXPECT_TRUE(committed);
        EXPECT_EQ(rows, 1);
    }
}
