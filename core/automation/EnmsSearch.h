#pragma once

#include "Result.h"
#include "inventory/DeviceRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <functional>
#include <optional>

namespace Cairn::EnmsSearch {

// eNMS's `POST /rest/search` over `objects` (every object of one type, as eNMS shows them):
// `search_criteria` `{<column>: value, <column>_filter: inclusion (default) | equality | regex |
// empty | exclusion, <column>_invert: bool}`, all ANDed; `order` `[{column, dir: asc|desc}]`;
// `start` and `maximum_return_records` (default 10, at most 1,000); `columns` (default all)
// keeps those properties of each row; `<text>_matches` (configuration_matches) is the lines of
// that text its criterion matches, as "L<line>: <text>". An unknown column or a bad value is a
// 400 naming it.
Result<QJsonArray> run(const QJsonArray &objects, const QJsonObject &request);
// The same over objects that may hold only the properties the request reads (see properties()),
// `columns` being every property the type has.
Result<QJsonArray> run(const QJsonArray &objects, const QSet<QString> &columns,
                       const QJsonObject &request);
// Every column the request names: in its criteria, its order and its columns (a `_matches`
// column as both names).
QSet<QString> referenced(const QJsonObject &request);
// The properties the request reads, or none when it shows every column.
std::optional<QSet<QString>> properties(const QJsonObject &request);
// What the request's criteria require of a device's own columns, for the database to narrow
// the devices read (see PoolRules::narrowing); nothing when the request names a column that
// `isStandard` says not every device has.
QList<DeviceFilter::TextMatch> narrowing(const QJsonObject &request,
                                         const std::function<bool(const QString &)> &isStandard);

// The reason of the error for a search pattern that does not compile, which eNMS answers as
// `{"error": "Invalid regular expression as search parameter."}`.
constexpr const char *InvalidRegex = "invalid_regex";
// Whether the search reads `property` (in its criteria or its columns, `_matches` included):
// texts are read only for searches that need them.
bool reads(const QJsonObject &request, const QString &property);

} // namespace Cairn::EnmsSearch
