#include "AttributeValueRows.h"

#include <QJsonDocument>

namespace Cairn {

void AttributeValueRows::add(qint64 resourceId, const QJsonObject &values,
                             const QHash<QString, Attribute> &definitions)
{
    for (auto it = values.begin(); it != values.end(); ++it) {
        const qint64 attributeId = definitions.value(it.key()).id;
        const QJsonArray items =
            it.value().isArray() ? it.value().toArray() : QJsonArray{it.value()};
        for (qsizetype position = 0; position < items.size(); ++position) {
            m_rows.append(QJsonArray{resourceId, attributeId, it.key(),
                                     items.at(position).toString(), position});
        }
    }
}

QString AttributeValueRows::json() const
{
    return QString::fromUtf8(QJsonDocument(m_rows).toJson(QJsonDocument::Compact));
}

} // namespace Cairn
