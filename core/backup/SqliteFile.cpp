#include "SqliteFile.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

namespace Cairn {

SqliteFile::SqliteFile(QString connectionName)
    : m_connectionName(std::move(connectionName))
{
}

Result<std::unique_ptr<SqliteFile>> SqliteFile::open(const QString &path, Mode mode)
{
    static QAtomicInteger<quint64> opened;
    const QString name = QStringLiteral("cairn-sqlite-file-%1").arg(opened.fetchAndAddRelaxed(1));
    std::unique_ptr<SqliteFile> file(new SqliteFile(name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    // A running server may be writing: wait for its write to end rather than fail at once.
    db.setConnectOptions(mode == Mode::ReadOnly
                             ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=30000")
                             : QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    if (!db.open())
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot open the database %1: %2")
                         .arg(path, db.lastError().databaseText()),
                     {}};
    return file;
}

SqliteFile::~SqliteFile()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<QVariantList> SqliteFile::column(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.prepare(sql))
        return Error::internal(query.lastError().databaseText());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return Error{ErrorCode::Unavailable, query.lastError().databaseText(), {}};
    QVariantList firsts;
    while (query.next())
        firsts << query.value(0);
    return firsts;
}

} // namespace Cairn
