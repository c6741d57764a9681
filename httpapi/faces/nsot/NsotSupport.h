#pragma once

#include "Result.h"
#include "routing/ApiRequest.h"
#include "routing/FaceErrors.h"
#include "routing/Route.h"
#include "server/HttpResponse.h"

#include <QJsonArray>

namespace Cairn {

class CoreServices;
class Representation;
class Router;

// What every NSoT controller needs: errors in NSoT's envelope, 201 with Location, the site of
// a nested route, id lists for bulk delete, and the site expander.
namespace Nsot {

HttpResponse error(const Error &error);
HttpResponse created(const ApiRequest &request, const QJsonValue &body, std::optional<qint64> id);
// The site of /api/sites/{site_id}/..., empty on the top-level routes; 404 if it does not exist.
Result<std::optional<qint64>> nestedSite(CoreServices &core, const ApiRequest &request);
// `specific` query parameters followed by the ones every list takes: limit, offset, fields,
// omit, expand.
QList<QueryParameter> listParameters(const QList<QueryParameter> &specific);
// The repeatable ?attributes=name=value list filter (all must hold).
Result<QList<QPair<QString, QString>>> attributeFilters(const ApiRequest &request);
// A bulk DELETE body: a JSON array of integer ids.
Result<QList<qint64>> idList(const ApiRequest &request);
// Body as an array of objects (a single object becomes a one-item array); `wasArray` says which.
Result<QJsonArray> items(const ApiRequest &request, bool *wasArray);
void addSiteExpander(Representation &representation, CoreServices &core);
// Objects by id, for expanders: one call for every key on a page.
using BatchFetch = std::function<QHash<qint64, QJsonObject>(const QList<qint64> &ids)>;
// Expands `field` (an id) with the objects `fetch` returns for all of the page's `rows` at
// once, so ?expand= costs one query per page, not one per row.
void addBatchExpander(Representation &representation, const QString &field, const QJsonArray &rows,
                      const BatchFetch &fetch);

// A controller function bound to the core, as a route handler.
RouteHandler bound(CoreServices &core, HttpResponse (*handler)(CoreServices &, const ApiRequest &));
std::function<HttpResponse(const ApiRequest &, bool)>
bound(CoreServices &core, HttpResponse (*handler)(CoreServices &, const ApiRequest &, bool));

// PUT and PATCH of `spec.path`: a PUT must carry the whole object, so its schema requires
// `attributes` (and an interface's `addresses`).
void addPutAndPatch(Router &router, RouteSpec spec,
                    const std::function<HttpResponse(const ApiRequest &, bool partial)> &change);
// GET (list) and POST (create, 201) on `spec.path`, with `itemSchema` as the element.
void addCollectionRoutes(Router &router, RouteSpec spec, const QJsonObject &itemSchema,
                         const RouteHandler &list, const RouteHandler &create);
// PUT/PATCH (a list of objects, each with its id) and DELETE (a JSON array of ids; the query
// parameters `spec` has) of the list URL `spec.path`, all or none, for objects of `type`.
void addBulkRoutes(Router &router, RouteSpec spec, const QString &type,
                   const QJsonObject &itemSchema,
                   const std::function<HttpResponse(const ApiRequest &, bool partial)> &change,
                   const RouteHandler &remove);
// GET, PUT/PATCH and DELETE (204) of one object at `spec.path`.
void addInstanceRoutes(Router &router, RouteSpec spec, const QJsonObject &itemSchema,
                       const RouteHandler &detail,
                       const std::function<HttpResponse(const ApiRequest &, bool partial)> &change,
                       const RouteHandler &remove);

} // namespace Nsot
} // namespace Cairn
