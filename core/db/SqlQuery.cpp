#include "SqlQuery.h"

#include <QLoggingCategory>
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

} // namespace

Result<QSqlQuery> SqlQuery::run(const QSqlDatabase &db, const QString &sql,
                                const QVariantList &values)
{
    if (!db.isOpen())
        return Error{ErrorCode::Unavailable, QStringLiteral("The database is not reachable."), {}};
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        qCCritical(lcDb) << "cannot prepare" << sql << query.lastError().text();
        return Error::internal(QStringLiteral("Database error."));
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        if (isUniqueViolation(error))
            return Error::conflict(QStringLiteral("An object with that key already exists."));
        if (isForeignKeyViolation(error))
            return Error::conflict(QStringLiteral("A related object is missing or still in use."));
        qCCritical(lcDb) << "query failed:" << sql << error.text();
        return Error::internal(QStringLiteral("Database error."));
    }
    return query;
}

Result<QVariant> SqlQuery::scalar(const QSqlDatabase &db, const QString &sql,
                                  const QVariantList &values)
{
    Result<QSqlQuery> query = run(db, sql, values);
    if (!query)
        return query.error();
    if (!query->next())
        return QVariant();
    return query->value(0);
}

} // namespace Cairn
