#pragma once

#include "FieldFilter.h"
#include "routing/ApiRequest.h"
#include "routing/FaceErrors.h"
#include "routing/Page.h"
#include "routing/Representation.h"
#include "routing/RouteSpec.h"

#include <QJsonArray>

namespace Cairn {

// A native list answer: the items that pass the request's filters (FieldFilter), one page
// (`limit`, `offset`) of them, each with only the ?fields= asked for and without the ?omit=
// ones, as NSoT's; or the error.
template <typename T>
HttpResponse nativeList(const ApiRequest &request, const Result<QList<T>> &items)
{
    const Result<Page> page = Page::fromRequest(request);
    if (!page)
        return FaceErrors::response(Face::Native, page.error());
    if (!items)
        return FaceErrors::response(Face::Native, items.error());
    const FieldFilter filter(request);
    QList<QJsonObject> kept;
    for (const T &item : items.value()) {
        QJsonObject json = item.toJson();
        if (filter.matches(json))
            kept << std::move(json);
    }
    const Representation representation(request);
    QJsonArray rows;
    for (const QJsonObject &json : kept.mid(page->offset, page->rowsToFetch()))
        rows.append(representation.shape(json, json.keys()));
    return page->respond(request, rows, kept.size());
}

// A native list paged by the database: `rows(limit, offset) -> Result<QList<T>>`, and
// `count() -> Result<qint64>` asked only for a paged answer (the total matters to it alone).
template <typename Rows, typename Count>
HttpResponse nativePage(const ApiRequest &request, Rows &&rows, Count &&count)
{
    const Result<Page> page = Page::fromRequest(request);
    if (!page)
        return FaceErrors::response(Face::Native, page.error());
    const Result<void> unfiltered = FieldFilter(request).refuseAny();
    if (!unfiltered)
        return FaceErrors::response(Face::Native, unfiltered.error());
    const auto found = rows(page->rowsToFetch(), page->offset);
    const Result<qint64> total = page->limit ? count() : Result<qint64>(0);
    if (!found || !total)
        return FaceErrors::response(Face::Native, found ? total.error() : found.error());
    const Representation representation(request);
    QJsonArray array;
    for (const auto &item : found.value()) {
        const QJsonObject json = item.toJson();
        array.append(representation.shape(json, json.keys()));
    }
    return page->respond(request, array, total.value());
}

// A native route's metadata; `status` is what it answers on success.
inline RouteSpec nativeRoute(const char *method, const QString &path, const QString &summary,
                             const QString &description, int status = 200)
{
    RouteSpec spec = RouteSpec::of(Face::Native, method, path, summary, description);
    spec.successStatus = status;
    return spec;
}

// The query parameters that page and shape a native list, for its route's metadata.
inline QList<QueryParameter> nativeListParameters()
{
    return {
        {QStringLiteral("limit"), QStringLiteral("integer"), QStringLiteral("Page size."), false},
        {QStringLiteral("offset"), QStringLiteral("integer"), QStringLiteral("Rows to skip."),
         false},
        {QStringLiteral("fields"), QStringLiteral("string"),
         QStringLiteral("Only these fields (comma-separated)."), false},
        {QStringLiteral("omit"), QStringLiteral("string"),
         QStringLiteral("Leave these fields out (comma-separated)."), false}};
}

} // namespace Cairn
