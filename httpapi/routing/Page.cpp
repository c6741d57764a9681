#include "Page.h"

#include <QJsonObject>
#include <QUrl>

namespace Cairn {

namespace {

Result<int> nonNegative(const ApiRequest &request, const QString &name, int fallback)
{
    const QString text = request.http.queryValue(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0)
        return Error::invalidField(name, QStringLiteral("Must be a non-negative integer."));
    return value;
}

QJsonValue pageUrl(const ApiRequest &request, int limit, int offset)
{
    QUrlQuery query = request.http.query;
    query.removeAllQueryItems(QStringLiteral("limit"));
    query.removeAllQueryItems(QStringLiteral("offset"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (offset > 0)
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    return QString(request.baseUrl() + request.http.rawPath + QLatin1Char('?') +
                   query.toString(QUrl::FullyEncoded));
}

} // namespace

Result<Page> Page::fromRequest(const ApiRequest &request)
{
    Page page;
    if (!request.http.queryValue(QStringLiteral("limit")).isEmpty()) {
        const Result<int> limit = nonNegative(request, QStringLiteral("limit"), 0);
        if (!limit)
            return limit.error();
        // A larger page is served as this many rows with a `next` link, as Django REST
        // framework's max_limit: one request must not hold a whole table in memory.
        page.limit = qMin(limit.value(), int(MaxUnpaged));
    }
    const Result<int> offset = nonNegative(request, QStringLiteral("offset"), 0);
    if (!offset)
        return offset.error();
    page.offset = offset.value();
    return page;
}

Result<Page> Page::netbox(const ApiRequest &request)
{
    constexpr int DefaultLimit = 50;
    Result<Page> page = fromRequest(request);
    if (!page)
        return page;
    page->limit = page->limit.value_or(DefaultLimit);
    if (*page->limit == 0 || *page->limit > MaxUnpaged)
        page->limit = MaxUnpaged;
    return page;
}

HttpResponse Page::respond(const ApiRequest &request, const QJsonArray &rows, qint64 total) const
{
    if (!limit)
        return HttpResponse::json(rows);
    const bool hasNext = offset + *limit < total;
    const bool hasPrevious = offset > 0;
    return HttpResponse::json(QJsonObject{
        {QStringLiteral("count"), total},
        {QStringLiteral("next"),
         hasNext ? pageUrl(request, *limit, offset + *limit) : QJsonValue::Null},
        {QStringLiteral("previous"),
         hasPrevious ? pageUrl(request, *limit, qMax(0, offset - *limit)) : QJsonValue::Null},
        {QStringLiteral("results"), rows},
    });
}

} // namespace Cairn
