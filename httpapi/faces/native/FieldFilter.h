#pragma once

#include "Result.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace Cairn {

struct ApiRequest;

// The native lists' filters, as Django REST framework's filterset fields: `?state=running`
// keeps the items whose top-level `state` is "running"; a repeated parameter keeps any of its
// values; numbers and booleans (true/false) compare as values, not text, and a null field
// matches no value. Parameters naming no field of an item, or a list or object field, and the
// paging and shaping ones filter nothing.
class FieldFilter
{
public:
    explicit FieldFilter(const ApiRequest &request);

    bool matches(const QJsonObject &item) const;
    // For lists paged by the database, which filter nothing: 400 naming the parameters that
    // would have, rather than an answer a script takes for the filtered one.
    Result<void> refuseAny() const;
    // The query parameters that are not filters (paging and shaping).
    static const QStringList &reserved();

private:
    QHash<QString, QStringList> m_wanted;
};

} // namespace Cairn
