#include "NsotSupport.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "routing/JsonSchema.h"
#include "routing/Representation.h"
#include "routing/Router.h"

#include <QJsonObject>
#include <memory>

namespace Cairn::Nsot {

HttpResponse error(const Error &error)
{
    return FaceErrors::response(Face::Nsot, error);
}

HttpResponse removeByIds(const Result<QList<qint64>> &ids,
                         const std::function<Result<void>(const QList<qint64> &)> &remove)
{
    if (!ids)
        return error(ids.error());
    const Result<void> removed = remove(ids.value());
    if (!removed)
        return error(removed.error());
    return HttpResponse::noContent();
}

HttpResponse assignmentPage(const ApiRequest &request, const Result<QList<Assignment>> &found)
{
    const Result<Page> page = Page::fromRequest(request);
    if (!page || !found)
        return error(page ? found.error() : page.error());
    QJsonArray rows;
    for (const Assignment &assignment : found->mid(page->offset, page->rowsToFetch()))
        rows.append(assignment.toJson());
    return page->respond(request, rows, found->size());
}

HttpResponse created(const ApiRequest &request, const QJsonValue &body, std::optional<qint64> id)
{
    HttpResponse response = HttpResponse::json(body, 201);
    if (id) {
        QString path = request.http.rawPath;
        if (!path.endsWith(QLatin1Char('/')))
            path += QLatin1Char('/');
        response.withHeader("Location", (path + QString::number(*id) + QLatin1Char('/')).toUtf8());
    }
    return response;
}

Result<std::optional<qint64>> nestedSite(CoreServices &core, const ApiRequest &request)
{
    if (!request.pathParams.contains(QStringLiteral("site_id")))
        return std::optional<qint64>();
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("site_id")).toLongLong(&numeric);
    if (!numeric || !core.sites().get(id))
        return Error::notFound(QStringLiteral("Site not found."));
    return std::optional<qint64>(id);
}

QList<QueryParameter> listParameters(const QList<QueryParameter> &specific)
{
    return specific +
           QList<QueryParameter>{
               {QStringLiteral("limit"), QStringLiteral("integer"),
                QStringLiteral("Page size; the answer becomes {count, next, previous, results}."),
                false},
               {QStringLiteral("offset"), QStringLiteral("integer"), {}, false},
               {QStringLiteral("fields"), QStringLiteral("string"),
                QStringLiteral("Only these fields."), false},
               {QStringLiteral("omit"), QStringLiteral("string"),
                QStringLiteral("All but these fields."), false},
               {QStringLiteral("expand"), QStringLiteral("string"),
                QStringLiteral("Inline these related objects (dot notation nests)."), false}};
}

Result<QList<QPair<QString, QString>>> attributeFilters(const ApiRequest &request)
{
    QList<QPair<QString, QString>> pairs;
    for (const QString &pair :
         request.http.query.allQueryItemValues(QStringLiteral("attributes"), QUrl::FullyDecoded)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return Error::invalidField(QStringLiteral("attributes"),
                                       QStringLiteral("Expected attributes=name=value."));
        pairs << qMakePair(pair.left(equals), pair.mid(equals + 1));
    }
    return pairs;
}

Result<QList<qint64>> idList(const ApiRequest &request)
{
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return body.error();
    if (!body->isArray())
        return Error::badRequest(QStringLiteral("Expected a list of integer ids."));
    QList<qint64> ids;
    for (const QJsonValue value : body->toArray()) {
        if (!value.isDouble() || value.toDouble() != double(qint64(value.toDouble())))
            return Error::badRequest(QStringLiteral("All ids must be integers."));
        ids << qint64(value.toDouble());
    }
    return ids;
}

Result<QJsonArray> items(const ApiRequest &request, bool *wasArray)
{
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return body.error();
    *wasArray = body->isArray();
    if (body->isArray())
        return body->toArray();
    if (body->isObject())
        return QJsonArray{body.value()};
    return Error::badRequest(QStringLiteral("Expected a JSON object or a list of objects."));
}

void addSiteExpander(Representation &representation, CoreServices &core)
{
    // One query for every site on the page, whatever its length.
    auto sites = std::make_shared<std::optional<QHash<qint64, QJsonObject>>>();
    representation.addExpander(QStringLiteral("site_id"),
                               [&core, sites](const QJsonValue &key) -> QJsonValue {
                                   if (!sites->has_value()) {
                                       QHash<qint64, QJsonObject> byId;
                                       const Result<QList<Site>> all = core.sites().list();
                                       for (const Site &site : all ? all.value() : QList<Site>())
                                           byId.insert(site.id, site.toJson());
                                       *sites = byId;
                                   }
                                   return (*sites)->value(qint64(key.toDouble()), QJsonObject());
                               });
}

RouteHandler bound(CoreServices &core, HttpResponse (*handler)(CoreServices &, const ApiRequest &))
{
    return [&core, handler](const ApiRequest &request) {
        return handler(core, request);
    };
}

std::function<HttpResponse(const ApiRequest &, bool)>
bound(CoreServices &core, HttpResponse (*handler)(CoreServices &, const ApiRequest &, bool))
{
    return [&core, handler](const ApiRequest &request, bool partial) {
        return handler(core, request, partial);
    };
}

void addPutAndPatch(Router &router, RouteSpec spec,
                    const std::function<HttpResponse(const ApiRequest &, bool partial)> &change)
{
    spec.face = Face::Nsot;
    const QJsonObject partial = spec.requestSchema;
    spec.method = "PUT";
    spec.requestSchema =
        JsonSchema::requiring(partial, {QStringLiteral("attributes"), QStringLiteral("addresses")});
    router.add(spec, [change](const ApiRequest &request) { return change(request, false); });
    spec.method = "PATCH";
    spec.requestSchema = partial;
    router.add(spec, [change](const ApiRequest &request) { return change(request, true); });
}

void addCollectionRoutes(Router &router, RouteSpec spec, const QJsonObject &itemSchema,
                         const RouteHandler &list, const RouteHandler &create)
{
    spec.face = Face::Nsot;
    spec.method = "GET";
    spec.responseSchema = JsonSchema::arrayOf(itemSchema);
    router.add(spec, list);
    spec.method = "POST";
    spec.queryParameters = {};
    spec.requestSchema = itemSchema;
    spec.responseSchema = itemSchema;
    spec.successStatus = 201;
    router.add(spec, create);
}

void addBulkRoutes(Router &router, RouteSpec spec, const QString &type,
                   const QJsonObject &itemSchema,
                   const std::function<HttpResponse(const ApiRequest &, bool)> &change,
                   const RouteHandler &remove)
{
    spec.face = Face::Nsot;
    const QList<QueryParameter> deleteParameters = spec.queryParameters;
    spec.description =
        QStringLiteral("Update several %1s at once (all or none), each with its id.").arg(type);
    spec.queryParameters = {};
    spec.requestSchema = JsonSchema::arrayOf(itemSchema);
    spec.responseSchema = JsonSchema::arrayOf(itemSchema);
    addPutAndPatch(router, spec, change);
    spec.method = "DELETE";
    spec.description = QStringLiteral("Delete several %1s by id (all or none).").arg(type);
    spec.queryParameters = deleteParameters;
    spec.requestSchema = JsonSchema::arrayOf(JsonSchema::ofType("integer"));
    spec.responseSchema = {};
    spec.successStatus = 204;
    router.add(spec, remove);
}

void addInstanceRoutes(Router &router, RouteSpec spec, const QJsonObject &itemSchema,
                       const RouteHandler &detail,
                       const std::function<HttpResponse(const ApiRequest &, bool)> &change,
                       const RouteHandler &remove)
{
    spec.face = Face::Nsot;
    spec.requestSchema = itemSchema;
    spec.responseSchema = itemSchema;
    addPutAndPatch(router, spec, change);
    spec.method = "GET";
    spec.requestSchema = {};
    router.add(spec, detail);
    spec.method = "DELETE";
    spec.responseSchema = {};
    spec.successStatus = 204;
    router.add(spec, remove);
}

void addBatchExpander(Representation &representation, const QString &field, const QJsonArray &rows,
                      const BatchFetch &fetch)
{
    auto cache = std::make_shared<std::optional<QHash<qint64, QJsonObject>>>();
    representation.addExpander(field,
                               [field, rows, fetch, cache](const QJsonValue &key) -> QJsonValue {
                                   if (key.isNull() || key.isUndefined())
                                       return key;
                                   if (!cache->has_value()) {
                                       QList<qint64> keys;
                                       for (const QJsonValue row : rows) {
                                           const QJsonValue value = row.toObject().value(field);
                                           if (value.isDouble())
                                               keys << qint64(value.toDouble());
                                       }
                                       *cache = fetch(keys);
                                   }
                                   const qint64 id = qint64(key.toDouble());
                                   // Keys met while expanding nested objects were not on the page:
                                   // fetch them alone.
                                   if (!(*cache)->contains(id))
                                       (*cache)->insert(fetch({id}));
                                   return (*cache)->value(id, QJsonObject());
                               });
}

} // namespace Cairn::Nsot
