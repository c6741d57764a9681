#pragma once

#include <QStringList>
#include <QVariantList>

namespace Cairn {

// A WHERE clause built from conditions and their bound values. Conditions are constant SQL
// text written by us; every value a caller gave travels as a bound parameter.
class SqlWhere
{
public:
    void add(const QString &condition, const QVariantList &values = {})
    {
        m_conditions << condition;
        m_values << values;
    }
    // `column IN (?, ?, ...)`, or a condition that never holds for an empty list.
    void addIn(const QString &column, const QList<qint64> &ids)
    {
        QVariantList values;
        for (qint64 id : ids)
            values << id;
        add(ids.isEmpty()
                ? QStringLiteral("1 = 0")
                : QStringLiteral("%1 IN (%2)")
                      .arg(column,
                           QStringList(ids.size(), QStringLiteral("?")).join(QLatin1Char(','))),
            values);
    }
    QString text() const
    {
        return m_conditions.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + m_conditions.join(QStringLiteral(" AND "));
    }
    const QVariantList &values() const { return m_values; }

private:
    QStringList m_conditions;
    QVariantList m_values;
};

} // namespace Cairn
