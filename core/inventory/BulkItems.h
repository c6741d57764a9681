#pragma once

#include "Result.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <optional>

namespace Cairn {

// What every bulk update and delete does before touching rows: read the ids of the items and
// fetch every target in batches, failing on the first one that does not exist.
namespace BulkItems {

// Well under every engine's bound-parameter limit.
constexpr qsizetype IdsPerQuery = 500;

// Which item of a bulk body was being read or written when an error came, so the error names it:
// its fields as `[2].hostname`, else its message as `Item [2]: ...` (indexes from 0, as in the
// body). Errors after the last item (the request as a whole) and those of a one-item body stay
// as they are.
class ItemCursor
{
public:
    explicit ItemCursor(qsizetype count)
        : m_count(count)
    {
    }
    void at(qsizetype index) { m_index = index; }
    void next() { ++m_index; }
    void done() { m_index = -1; }
    Error locate(Error error) const;
    template <typename T> Result<T> locate(Result<T> result) const
    {
        if (result)
            return result;
        return locate(result.error());
    }

private:
    qsizetype m_count;
    qsizetype m_index = -1;
};

// The integer `id` of each item of a bulk PUT/PATCH body, in order.
Result<QList<qint64>> idsOf(const QJsonArray &items);

// `ids` once each, smallest first: a bulk delete then walks its table and indexes in their own
// order, chunk after chunk. In a hash's order every chunk touched pages all over them, so a
// large delete kept evicting and rereading the same pages (an inventory of 100,000 devices
// took 4.5 s instead of 1.7 s to delete).
QList<qint64> distinctInOrder(const QList<qint64> &ids);
// `ids` once each, in the order given: where an item may be refused for what an earlier one
// leaves behind (a parent still having a child), the caller's order decides, as it would one
// request at a time.
QList<qint64> distinct(const QList<qint64> &ids);

// Every one of `ids`, fetched by `fetch(QList<qint64>) -> Result<QList<T>>` a batch at a time,
// or NotFound naming the first that is missing ("<noun> <id> not found.").
template <typename T, typename Fetch>
Result<QHash<qint64, T>> fetchAll(const QList<qint64> &ids, const QString &noun, Fetch &&fetch)
{
    QHash<qint64, T> byId;
    for (qsizetype start = 0; start < ids.size(); start += IdsPerQuery) {
        const Result<QList<T>> batch = fetch(ids.mid(start, IdsPerQuery));
        if (!batch)
            return batch.error();
        for (const T &object : batch.value())
            byId.insert(object.id, object);
    }
    for (qint64 id : ids) {
        if (!byId.contains(id))
            return Error::notFound(QStringLiteral("%1 %2 not found.").arg(noun).arg(id));
    }
    return byId;
}

// As fetchAll, one object at a time by `find(id) -> Result<std::optional<T>>`: for the few
// objects (sites, attribute definitions) that have no batch query.
template <typename T, typename Find>
Result<QHash<qint64, T>> fetchEach(const QList<qint64> &ids, const QString &noun, Find &&find)
{
    return fetchAll<T>(ids, noun, [&](const QList<qint64> &batch) -> Result<QList<T>> {
        QList<T> found;
        for (qint64 id : batch) {
            const Result<std::optional<T>> one = find(id);
            if (!one)
                return one.error();
            if (one->has_value())
                found << one->value();
        }
        return found;
    });
}

// The one object `key` names: an id when it is all digits, else the natural key that
// `byNaturalKey(filter, key) -> Result<void>` sets on the filter; within `siteId` when given.
// A natural key matching in several sites is a 400.
template <typename T, typename Filter, typename List, typename NaturalKey>
Result<T> findOne(const QString &key, std::optional<qint64> siteId, const QString &noun,
                  List &&list, NaturalKey &&byNaturalKey)
{
    Filter filter;
    filter.siteId = siteId;
    bool numeric = false;
    const qint64 id = key.toLongLong(&numeric);
    if (numeric) {
        filter.ids = QList<qint64>{id};
    } else if (const Result<void> keyed = byNaturalKey(filter, key); !keyed) {
        return Error::notFound(QStringLiteral("%1 %2 not found.").arg(noun, key));
    }
    filter.limit = 2;
    const Result<QList<T>> found = list(filter);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("%1 %2 not found.").arg(noun, key));
    if (found->size() > 1)
        return Error::badRequest(QStringLiteral("Multiple %1s matched %2. Use a site-specific "
                                                "endpoint or lookup by ID.")
                                     .arg(noun, key));
    return found->first();
}

} // namespace BulkItems
} // namespace Cairn
