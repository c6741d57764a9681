#pragma once

#include "NsotShapes.h"
#include "NsotSupport.h"
#include "inventory/Interface.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Router.h"

#include <QJsonObject>

// The request handling every NSoT resource shares, written once over any service with the
// inventory services' shape: list/count(filter), query(site, text), create(caller, items,
// site), update(caller, items, partial). `shape` turns a list of objects into the JSON rows
// the request asked for (fields, omit, expand).
namespace Cairn::Nsot {

// A list answer: a plain array, or {count, next, previous, results} when ?limit= is given.
template <typename Service, typename Filter, typename Shape>
HttpResponse listPage(const ApiRequest &request, Service &service, Filter filter, Shape &&shape)
{
    const Result<Page> page = Page::fromRequest(request);
    if (!page)
        return error(page.error());
    filter.limit = page->rowsToFetch();
    filter.offset = page->offset;
    const auto rows = service.list(filter);
    const Result<qint64> total = page->limit ? service.count(filter) : Result<qint64>(0);
    if (!rows || !total)
        return error(rows ? total.error() : rows.error());
    return page->respond(request, shape(rows.value()), total.value());
}

// /query/?query=...&unique=true over the list filters already in `filter`.
template <typename Service, typename Filter, typename Shape>
HttpResponse setQuery(const ApiRequest &request, Service &service, Filter filter, Shape &&shape)
{
    const Result<QList<qint64>> ids =
        service.query(filter.siteId, request.http.queryValue(QStringLiteral("query")));
    if (!ids)
        return error(ids.error());
    filter.ids = ids.value();
    if (request.queryFlag(QStringLiteral("unique"))) {
        const Result<qint64> total = service.count(filter);
        if (!total)
            return error(total.error());
        if (total.value() != 1)
            return error(Error::invalidField(
                QStringLiteral("query"),
                QStringLiteral("Query returned %1 results, but exactly 1 expected")
                    .arg(total.value())));
    }
    return listPage(request, service, filter, shape);
}

// POST of one object (201 with Location) or a list (201 with the list), all or none.
template <typename Service, typename Shape>
HttpResponse create(const ApiRequest &request, Service &service,
                    const Result<std::optional<qint64>> &site, Shape &&shape,
                    std::optional<qint64> fallbackSite = std::nullopt)
{
    bool wasArray = false;
    const Result<QJsonArray> items = Nsot::items(request, &wasArray);
    if (!site || !items)
        return error(site ? items.error() : site.error());
    const auto created = service.create(*request.identity, items.value(),
                                        site.value() ? site.value() : fallbackSite);
    if (!created)
        return error(created.error());
    const QJsonArray rows = shape(created.value());
    return wasArray ? Nsot::created(request, rows, std::nullopt)
                    : Nsot::created(request, rows.first(), created->first().id);
}

// PUT/PATCH of the list URL: a list of objects, each with its id.
template <typename Service, typename Shape>
HttpResponse bulkChange(const ApiRequest &request, bool partial, Service &service, Shape &&shape)
{
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return error(body.error());
    if (!body->isArray())
        return error(
            Error::badRequest(QStringLiteral("Expected a list of objects, each with its id.")));
    const auto updated = service.update(*request.identity, body->toArray(), partial);
    if (!updated)
        return error(updated.error());
    return HttpResponse::json(shape(updated.value()));
}

// PUT/PATCH of one object found by its key; ids in the body are ignored.
template <typename Object, typename Service, typename Shape>
HttpResponse change(const ApiRequest &request, bool partial, const Result<Object> &current,
                    Service &service, Shape &&shape)
{
    Result<QJsonObject> body = request.bodyObject();
    if (!current || !body)
        return error(current ? body.error() : current.error());
    body->insert(QStringLiteral("id"), current->id);
    const auto updated = service.update(*request.identity, QJsonArray{body.value()}, partial);
    if (!updated)
        return error(updated.error());
    return HttpResponse::json(shape(updated.value()).first());
}

// GET of one object found by its key.
template <typename Object, typename Shape>
HttpResponse detail(const Result<Object> &found, Shape &&shape)
{
    if (!found)
        return error(found.error());
    return HttpResponse::json(shape(QList<Object>{found.value()}).first());
}

// NSoT's assignments list (device, interface and address of each), paged like any list.
HttpResponse assignmentPage(const ApiRequest &request, const Result<QList<Assignment>> &found);

// The id of the object found, as the one-item list removeByIds takes.
template <typename Object> Result<QList<qint64>> idOf(const Result<Object> &found)
{
    if (!found)
        return found.error();
    return QList<qint64>{found->id};
}

// DELETE of the list URL with a JSON array of ids, or of one object: 204, all or none.
HttpResponse removeByIds(const Result<QList<qint64>> &ids,
                         const std::function<Result<void>(const QList<qint64> &)> &remove);

// What the route table and the OpenAPI document say about one resource.
struct ResourceDocs
{
    QString type;   // "Device"
    QString plural; // "devices", the path segment
    QString key;    // "id or hostname"
    QString queryExample;
    QJsonObject schema;
    QList<QueryParameter> listParameters;
    // On DELETE, besides the ids (networks' force_delete).
    QList<QueryParameter> deleteParameters;
};

// The route handlers of one resource. `Traits` names its service (`service(core)`), its list
// filter (`filter(core, request) -> Result<Filter>`) and its rows (`rows`, one of NsotShapes);
// optionally `FallbackSite` (where objects created without a site land) and
// `remove(core, request, ids)` when deleting takes options.
template <typename Traits> struct Resource
{
    static auto shaperFor(CoreServices &core, const ApiRequest &request)
    {
        return Nsot::shaper(core, request, Traits::rows);
    }
    static HttpResponse list(CoreServices &core, const ApiRequest &request)
    {
        const auto filter = Traits::filter(core, request);
        if (!filter)
            return Nsot::error(filter.error());
        return Nsot::listPage(request, Traits::service(core), filter.value(),
                              shaperFor(core, request));
    }
    static HttpResponse create(CoreServices &core, const ApiRequest &request)
    {
        std::optional<qint64> fallbackSite;
        if constexpr (requires { Traits::FallbackSite; })
            fallbackSite = Traits::FallbackSite;
        return Nsot::create(request, Traits::service(core), Nsot::nestedSite(core, request),
                            shaperFor(core, request), fallbackSite);
    }
    static auto target(CoreServices &core, const ApiRequest &request)
        -> decltype(Traits::service(core).get(QString()))
    {
        const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
        if (!site)
            return site.error();
        return Traits::service(core).get(request.pathParam(QStringLiteral("key")), site.value());
    }
    static HttpResponse detail(CoreServices &core, const ApiRequest &request)
    {
        return Nsot::detail(target(core, request), shaperFor(core, request));
    }
    static HttpResponse change(CoreServices &core, const ApiRequest &request, bool partial)
    {
        return Nsot::change(request, partial, target(core, request), Traits::service(core),
                            shaperFor(core, request));
    }
    static Result<void> removeIds(CoreServices &core, const ApiRequest &request,
                                  const QList<qint64> &ids)
    {
        if constexpr (requires { Traits::remove(core, request, ids); })
            return Traits::remove(core, request, ids);
        else
            return Traits::service(core).remove(*request.identity, ids);
    }
    static HttpResponse remove(CoreServices &core, const ApiRequest &request)
    {
        return Nsot::removeByIds(idOf(target(core, request)), [&](const QList<qint64> &ids) {
            return removeIds(core, request, ids);
        });
    }
    static HttpResponse bulkChange(CoreServices &core, const ApiRequest &request, bool partial)
    {
        return Nsot::bulkChange(request, partial, Traits::service(core), shaperFor(core, request));
    }
    static HttpResponse bulkRemove(CoreServices &core, const ApiRequest &request)
    {
        return Nsot::removeByIds(Nsot::idList(request), [&](const QList<qint64> &ids) {
            return removeIds(core, request, ids);
        });
    }
    // A set query's regular expressions may take up to the query deadline: off the listener.
    static HttpResponse query(CoreServices &core, const ApiRequest &request)
    {
        return HttpResponse::later([services = &core, request] {
            const auto filter = Traits::filter(*services, request);
            if (!filter)
                return Nsot::error(filter.error());
            return Nsot::setQuery(request, Traits::service(*services), filter.value(),
                                  shaperFor(*services, request));
        });
    }

    // Under `prefix`: the set query, the list and create, bulk update and bulk delete.
    static void addListRoutes(Router &router, CoreServices &core, const QString &prefix,
                              const ResourceDocs &docs)
    {
        const QString base = prefix + QLatin1Char('/') + docs.plural + QLatin1Char('/');
        RouteSpec spec;
        spec.face = Face::Nsot;
        spec.method = "GET";
        spec.path = base + QStringLiteral("query/");
        spec.summary = docs.type + QStringLiteral(" Set Query");
        spec.description =
            docs.type + QStringLiteral("s selected by a set query of attribute terms.");
        spec.queryParameters = docs.listParameters;
        spec.queryParameters.prepend({QStringLiteral("unique"), QStringLiteral("boolean"),
                                      QStringLiteral("Exactly one result expected."), false});
        spec.queryParameters.prepend(
            {QStringLiteral("query"), QStringLiteral("string"), docs.queryExample, true});
        spec.responseSchema = JsonSchema::arrayOf(docs.schema);
        router.add(spec, bound(core, query));

        spec.path = base;
        spec.summary = docs.type + QStringLiteral(" List");
        spec.description = QStringLiteral("API endpoint that allows %1s to be viewed or edited; "
                                          "POST one or a list (all or none).")
                               .arg(docs.type);
        spec.queryParameters = docs.listParameters;
        addCollectionRoutes(router, spec, docs.schema, bound(core, list), bound(core, create));
        spec.queryParameters = docs.deleteParameters;
        addBulkRoutes(router, spec, docs.type, docs.schema, bound(core, bulkChange),
                      bound(core, bulkRemove));
    }

    // One object at `path` (ending in {key}/ or {key*}/): GET, PUT, PATCH, DELETE.
    static void addInstanceRoutes(Router &router, CoreServices &core, const QString &path,
                                  const ResourceDocs &docs)
    {
        RouteSpec spec;
        spec.face = Face::Nsot;
        spec.path = path;
        spec.queryParameters = listParameters({}).mid(2) + docs.deleteParameters;
        spec.summary = docs.type + QStringLiteral(" Instance");
        spec.description = QStringLiteral("One %1 by %2.").arg(docs.type.toLower(), docs.key);
        Nsot::addInstanceRoutes(router, spec, docs.schema, bound(core, detail), bound(core, change),
                                bound(core, remove));
    }
};

} // namespace Cairn::Nsot
