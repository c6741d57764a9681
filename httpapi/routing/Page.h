#pragma once

#include "ApiRequest.h"
#include "server/HttpResponse.h"

#include <QJsonArray>

namespace Cairn {

// NSoT-style paging shared by every list: no `limit` -> a plain array (up to a cap); with
// `limit` -> {count, next, previous, results} with absolute next/previous URLs.
struct Page
{
    static constexpr int MaxUnpaged = 1000;

    std::optional<int> limit;
    int offset = 0;

    // 400 naming the parameter when limit or offset is not a non-negative integer.
    static Result<Page> fromRequest(const ApiRequest &request);
    // NetBox's paging: always {count, next, previous, results}, 50 rows unless `limit` says
    // otherwise, `limit=0` for the largest page.
    static Result<Page> netbox(const ApiRequest &request);
    int rowsToFetch() const { return limit.value_or(MaxUnpaged); }
    HttpResponse respond(const ApiRequest &request, const QJsonArray &rows, qint64 total) const;
};

} // namespace Cairn
