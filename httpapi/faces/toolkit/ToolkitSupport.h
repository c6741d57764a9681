#pragma once

#include "routing/ApiRequest.h"
#include "routing/FaceErrors.h"
#include "routing/Page.h"
#include "routing/RouteSpec.h"

#include <QJsonArray>

// What every controller of the toolkit face (NetBox conventions) shares.
namespace Cairn {
class Router;
}

namespace Cairn::Toolkit {

inline const QString Base = QStringLiteral("/api/plugins/toolkit/");

// Every route is served twice: under Base in NetBox's conventions, and under /api/ in the
// native style (spec/README.md: credential sets, commands and their logs in the one style a
// client learns). The helpers below answer in the style of the path the request came by.
// Call once every toolkit controller has registered its routes.
void mountNatively(Router &router);

// The face whose style the request is answered in.
Face faceOf(const ApiRequest &request);
HttpResponse error(const ApiRequest &request, const Error &error);
// The plugin's other error shape, {"error": message, "details": {...}}: execute's 403 and 429,
// and every export error (in the native style, its own envelope).
HttpResponse errorWithDetails(Face face, const Error &error);
// The page asked for: NetBox's (always paged) or the native one (paged when `limit` is given).
Result<Page> page(const ApiRequest &request);
// The absolute URL of an object under the request's base ("commands/", 7 ->
// http://host/api/.../commands/7/).
QString urlOf(const ApiRequest &request, const QString &collection, qint64 id);
// The `{id}` of the path; NotFound when it is not a number.
Result<qint64> pathId(const ApiRequest &request);
// Every value of a repeatable query parameter (`?device_id=1&device_id=2`).
QStringList queryValues(const ApiRequest &request, const QString &name);
// A date (YYYY-MM-DD, the day's start) or date-time (ISO 8601) as ms since the epoch; empty
// when absent; 400 naming the parameter when unreadable.
Result<std::optional<qint64>> timeParam(const ApiRequest &request, const QString &name);
// A list route's query parameters: NetBox's paging (limit, offset), then `filters`.
QList<QueryParameter> listParameters(const QList<QueryParameter> &filters = {});
// An optional query parameter of `type` (string unless said), for tables of filters.
QueryParameter parameter(const char *name, const char *description, const char *type = "string");
// The ids of a bulk DELETE body: [{"id": 1}, ...] or [1, ...].
Result<QList<qint64>> idsOfBody(const ApiRequest &request);

} // namespace Cairn::Toolkit
