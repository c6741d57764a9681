#pragma once

#include "Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>
#include <optional>

namespace Cairn {

// Runs parameterised SQL. User input only ever travels as bound values, never in the text.
class SqlQuery
{
public:
    // Prepares `sql` with `?` placeholders, binds `values` in order and executes it. A failed
    // statement is logged with its driver message; callers get a message safe to show a client.
    // Unique and foreign-key violations become Conflict, so races end as 409, not 500.
    static Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql,
                                 const QVariantList &values = {});

    // run() for statements whose rows nobody reads (INSERT without RETURNING, UPDATE, DELETE).
    static Result<void> exec(const QSqlDatabase &db, const QString &sql,
                             const QVariantList &values = {});

    // A nullable id as a bound value (a typed NULL when empty) and back from a column.
    static QVariant nullable(std::optional<qint64> id);
    static std::optional<qint64> optionalId(const QVariant &column);

    // `column IN (...)` for any number of ids with a single bound value (a JSON array): Qt's
    // SQLite driver looks each positional parameter up by name, so thousands of `?` cost
    // quadratic time. Returns the condition and its value.
    static QPair<QString, QVariant> inIds(const QSqlDatabase &db, const QString &column,
                                          const QList<qint64> &ids);
    // The same for texts (names to look up together).
    static QPair<QString, QVariant> inTexts(const QSqlDatabase &db, const QString &column,
                                            const QStringList &texts);
    // Many rows as a single bound value (a JSON array of arrays), for INSERT ... SELECT: one
    // statement parsed and bound once instead of one per row. `columns` are the SQL types of
    // each array position ("bigint", "integer" or "text"); returns the select list of those
    // columns and the FROM source holding the one `?`.
    static QPair<QString, QString> jsonRows(const QSqlDatabase &db, const QStringList &columns);
    // `%text%` for a case-insensitive LIKE against LOWER(column) with ESCAPE '\': the caller's
    // own % and _ are taken literally.
    static QString containing(const QString &text);
    // " ORDER BY ..." from API field names ('-' for descending) mapped to columns; names that are
    // not sortable are ignored, as Django REST framework does; `tieBreak` keeps pages stable.
    static QString orderBy(const QStringList &fields, const QHash<QString, QString> &columns,
                           const QString &tieBreak);
    // The first column of the first row, or an invalid QVariant when there is no row.
    static Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql,
                                   const QVariantList &values = {});
};

} // namespace Cairn
