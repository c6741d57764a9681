#pragma once

#include "routing/ApiRequest.h"
#include "routing/FaceErrors.h"
#include "routing/Page.h"
#include "routing/RouteSpec.h"

#include <QJsonArray>

namespace Cairn {

// A native list answer: one page (`limit`, `offset`) of the items' JSON, or the error.
template <typename T>
HttpResponse nativeList(const ApiRequest &request, const Result<QList<T>> &items)
{
    const Result<Page> page = Page::fromRequest(request);
    if (!page)
        return FaceErrors::response(Face::Native, page.error());
    if (!items)
        return FaceErrors::response(Face::Native, items.error());
    QJsonArray rows;
    for (const T &item : items->mid(page->offset, page->rowsToFetch()))
        rows.append(item.toJson());
    return page->respond(request, rows, items->size());
}

// The query parameters that page a native list, for its route's metadata.
inline QList<QueryParameter> nativeListParameters()
{
    return {
        {QStringLiteral("limit"), QStringLiteral("integer"), QStringLiteral("Page size."), false},
        {QStringLiteral("offset"), QStringLiteral("integer"), QStringLiteral("Rows to skip."),
         false}};
}

} // namespace Cairn
