#pragma once

#include "Attribute.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace Cairn {

// The attribute values of many new objects gathered for a single INSERT: a bulk create of
// 10,000 devices writes its 50,000 values in one statement instead of one statement each.
class AttributeValueRows
{
public:
    // One row per value (a multi attribute's values keep their positions).
    void add(qint64 resourceId, const QJsonObject &values,
             const QHash<QString, Attribute> &definitions);
    bool isEmpty() const { return m_rows.isEmpty(); }
    // [resource_id, attribute_id, name, value, position] per row, for SqlQuery::jsonRows.
    QString json() const;

private:
    QJsonArray m_rows;
};

} // namespace Cairn
