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

private:
    QSqlDatabase m_db;
    QStringList m_conditions;
    QVariantList m_values;
};

} // namespace Cairn
