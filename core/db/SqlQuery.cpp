#include "SqlQuery.h"

#include "ThreadConnection.h"
#include "WriteTurn.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcDb)

namespace Cairn {

namespace {

bool isUniqueViolation(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("23505") // PostgreSQL unique_violation
           || error.databaseText().contains(QLatin1String("UNIQUE constraint failed"));
}

bool isForeignKeyViolation(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("23503") // PostgreSQL foreign_key_violation
           || error.databaseText().contains(QLatin1String("FOREIGN KEY constraint failed"));
}

// Qt binds a null QString as SQL NULL; only a typed null QVariant is meant to be NULL.
QVariant boundValue(const QVariant &value)
{
    if (!value.isNull() && value.metaType() == QMetaType::fromType<QString>() &&
        value.toString().isNull())
        return QStringLiteral("");
    return value;
}

bool prepareAndExec(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(boundValue(value));
    return query.exec();
}

Error failureOf(const QSqlQuery &query, const QString &sql)
{
    const QSqlError error = query.lastError();
    if (isUniqueViolation(error))
        return Error::conflict(QStringLiteral("An object with that key already exists."));
    if (isForeignKeyViolation(error))
        return Error::conflict(QStringLiteral("A related object is missing or still in use."));
    qCCritical(lcDb) << "query failed:" << sql << error.text();
    return Error::internal(QStringLiteral("Database error."));
}

// Runs `sql` on the thread's kept statement for it, when there is one, and hands it to `read`
// before resetting it: SQLite keeps a statement's transaction open until it is reset.
template <typename Read>
auto withKeptStatement(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                       Read read) -> std::optional<decltype(read(std::declval<QSqlQuery &>()))>
{
    // Statements without values are not prepared (see run()).
    QSqlQuery *statement =
        values.isEmpty() ? nullptr : ThreadConnection::prepared(db, sql, values.size());
    if (!statement)
        return std::nullopt;
    WriteTurn turn;
    turn.takeForStatement(db, sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        statement->bindValue(int(i), boundValue(values.at(i)));
    // Reset, and the values let go: a kept statement must not hold a caller's data (a device's
    // output, a sealed secret) until the text runs again.
    auto finish = qScopeGuard([statement, count = values.size()] {
        statement->finish();
        for (qsizetype i = 0; i < count; ++i)
            statement->bindValue(int(i), QVariant());
    });
    if (!statement->exec()) {
        const Error failure = failureOf(*statement, sql);
        // Dropped, not reset: it may not run again (see ThreadConnection::forget()).
        finish.dismiss();
        ThreadConnection::forget(db, sql);
        return decltype(read(*statement))(failure);
    }
    return read(*statement);
}

} // namespace

Result<QSqlQuery> SqlQuery::run(const QSqlDatabase &db, const QString &sql,
                                const QVariantList &values)
{
    if (!db.isOpen())
        return Error{ErrorCode::Unavailable, QStringLiteral("The database is not reachable."), {}};
    WriteTurn turn;
    turn.takeForStatement(db, sql);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // PostgreSQL cannot PREPARE statements such as BEGIN, SET or CREATE TABLE; a statement
    // without values has nothing to bind, so it runs as is.
    const bool executed = values.isEmpty() ? query.exec(sql) : prepareAndExec(query, sql, values);
    if (!executed)
        return failureOf(query, sql);
    return query;
}

Result<void> SqlQuery::exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto kept = withKeptStatement(db, sql, values, [](QSqlQuery &) { return Result<void>(); });
    if (kept)
        return *kept;
    const Result<QSqlQuery> query = run(db, sql, values);
    if (!query)
        return query.error();
    return {};
}

QPair<QString, QVariant> SqlQuery::inIds(const QSqlDatabase &db, const QString &column,
                                         const QList<qint64> &ids)
{
    QByteArray json = "[";
    for (qint64 id : ids) {
        if (json.size() > 1)
            json += ',';
        json += QByteArray::number(id);
    }
    json += ']';
    const QString sqlite = QStringLiteral("%1 IN (SELECT value FROM json_each(?))");
    const QString postgres = QStringLiteral(
        "%1 IN (SELECT value::bigint FROM json_array_elements_text(CAST(? AS json)))");
    return {(db.driverName() == QLatin1String("QSQLITE") ? sqlite : postgres).arg(column),
            QString::fromLatin1(json)};
}

QPair<QString, QVariant> SqlQuery::inTexts(const QSqlDatabase &db, const QString &column,
                                           const QStringList &texts)
{
    const QString sqlite = QStringLiteral("%1 IN (SELECT value FROM json_each(?))");
    const QString postgres =
        QStringLiteral("%1 IN (SELECT value FROM json_array_elements_text(CAST(? AS json)))");
    return {(db.driverName() == QLatin1String("QSQLITE") ? sqlite : postgres).arg(column),
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(texts)).toJson(QJsonDocument::Compact))};
}

QPair<QString, QString> SqlQuery::jsonRows(const QSqlDatabase &db, const QStringList &columns)
{
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    QStringList select;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        select << (sqlite ? QStringLiteral("json_extract(value, '$[%1]')").arg(i)
                          : QStringLiteral("CAST(value->>%1 AS %2)").arg(i).arg(columns.at(i)));
    }
    return {select.join(QLatin1String(", ")),
            sqlite ? QStringLiteral("json_each(?)")
                   : QStringLiteral("json_array_elements(CAST(? AS json)) AS rows(value)")};
}

QString SqlQuery::containing(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString SqlQuery::orderBy(const QStringList &fields, const QHash<QString, QString> &columns,
                          const QString &tieBreak)
{
    QStringList terms;
    for (const QString &field : fields) {
        const bool descending = field.startsWith(QLatin1Char('-'));
        const QString column = columns.value(descending ? field.mid(1) : field);
        if (!column.isEmpty())
            terms << column + (descending ? QStringLiteral(" DESC") : QString());
    }
    terms << tieBreak;
    return QStringLiteral(" ORDER BY ") + terms.join(QLatin1String(", "));
}

QVariant SqlQuery::nullable(std::optional<qint64> id)
{
    return id ? QVariant(*id) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> SqlQuery::optionalId(const QVariant &column)
{
    if (column.isNull())
        return std::nullopt;
    return column.toLongLong();
}

Result<QVariant> SqlQuery::scalar(const QSqlDatabase &db, const QString &sql,
                                  const QVariantList &values)
{
    const auto firstValue = [](QSqlQuery &query) -> Result<QVariant> {
        return query.next() ? query.value(0) : QVariant();
    };
    auto kept = withKeptStatement(db, sql, values, firstValue);
    if (kept)
        return *kept;
    Result<QSqlQuery> query = run(db, sql, values);
    if (!query)
        return query.error();
    return firstValue(query.value());
}

} // namespace Cairn
