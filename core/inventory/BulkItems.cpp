#include "BulkItems.h"

#include <QJsonObject>

namespace Cairn::BulkItems {

Result<QList<qint64>> idsOf(const QJsonArray &items)
{
    QList<qint64> ids;
    ids.reserve(items.size());
    for (const QJsonValue item : items) {
        const QJsonValue id = item.toObject().value(QStringLiteral("id"));
        if (!item.isObject() || !id.isDouble() || id.toDouble() != double(qint64(id.toDouble())))
            return Error::invalidField(QStringLiteral("id"),
                                       QStringLiteral("Each item needs its integer id."));
        ids << qint64(id.toDouble());
    }
    return ids;
}

} // namespace Cairn::BulkItems
