#pragma once

#include "SqlQuery.h"

#include <QStringList>
#include <QVariantList>

namespace Cairn {

// A WHERE clause built from conditions and their bound values. Conditions are constant SQL
// text written by us; every value a caller gave travels as a bound parameter.
class SqlWhere
{
public:
    explicit SqlWhere(const QSqlDatabase &db)
        : m_db(db)
    {
    }

    void add(const QString &condition, const QVariantList &values = {})
    {
        m_conditions << condition;
        m_values << values;
    }
    // `column IN (ids)`; an empty list matches nothing.
    void addIn(const QString &column, const QList<qint64> &ids)
    {
        const auto [condition, value] = SqlQuery::inIds(m_db, column, ids);
        add(condition, {value});
    }
    QString text() const
    {
        return m_conditions.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + m_conditions.join(QStringLiteral(" AND "));
    }
    const QVariantList &values() const { return m_values; }
    // `select` (constant SQL ending with its FROM; its `?` bound to `leading`), this clause and
    // `tail` (constant GROUP BY, ORDER BY, LIMIT...; its `?` bound to `trailing`).
    Result<QSqlQuery> run(const QString &select, const QString &tail,
                          const QVariantList &leading = {}, const QVariantList &trailing = {}) const
    {
        return SqlQuery::run(m_db, select + text() + tail, leading + m_values + trailing);
    }
    // `select` (constant SQL ending with its FROM) with this clause, `orderBy` and one page.
    Result<QSqlQuery> page(const QString &select, const QString &orderBy, int limit,
                           int offset) const
    {
        return run(select, orderBy + QStringLiteral(" LIMIT ? OFFSET ?"), {}, {limit, offset});
    }
    // How many rows of `table` this clause selects.
    Result<qint64> count(const QString &table) const
    {
        const Result<QVariant> total = SqlQuery::scalar(
            m_db, QStringLiteral("SELECT COUNT(*) FROM ") + table + text(), m_values);
        if (!total)
            return total.error();
        return total->toLongLong();
    }

private:
    QSqlDatabase m_db;
    QStringList m_conditions;
    QVariantList m_values;
};

} // namespace Cairn
