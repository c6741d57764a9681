#include "BulkItems.h"

#include <QJsonObject>
#include <QSet>
#include <algorithm>

namespace Cairn::BulkItems {

Result<QList<qint64>> idsOf(const QJsonArray &items)
{
    QList<qint64> ids;
    ids.reserve(items.size());
    ItemCursor cursor(items.size());
    for (const QJsonValue item : items) {
        cursor.next();
        const QJsonValue id = item.toObject().value(QStringLiteral("id"));
        if (!item.isObject() || !id.isDouble() || id.toDouble() != double(qint64(id.toDouble())))
            return cursor.locate(Error::invalidField(
                QStringLiteral("id"), QStringLiteral("Each item needs its integer id.")));
        ids << qint64(id.toDouble());
    }
    return ids;
}

QList<qint64> distinct(const QList<qint64> &ids)
{
    QList<qint64> once;
    QSet<qint64> seen;
    for (qint64 id : ids) {
        if (!seen.contains(id)) {
            seen.insert(id);
            once << id;
        }
    }
    return once;
}

QList<qint64> distinctInOrder(const QList<qint64> &ids)
{
    QList<qint64> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    return sorted;
}

Error ItemCursor::locate(Error error) const
{
    if (m_index < 0 || m_count < 2)
        return error;
    const QString item = QStringLiteral("[%1]").arg(m_index);
    if (error.fields.isEmpty()) {
        error.message = QStringLiteral("Item %1: %2").arg(item, error.message);
        return error;
    }
    QJsonObject located;
    for (auto it = error.fields.begin(); it != error.fields.end(); ++it)
        located.insert(item + QLatin1Char('.') + it.key(), it.value());
    error.fields = located;
    return error;
}

} // namespace Cairn::BulkItems
