#include "SitesController.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "NsotSupport.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Representation.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

const QStringList Visible{QStringLiteral("id"), QStringLiteral("name"),
                          QStringLiteral("description")};

QJsonObject siteSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("name"),
          JsonSchema::ofType("string", QStringLiteral("Unique name of the site."))},
         {QStringLiteral("description"), JsonSchema::ofType("string")}},
        {QStringLiteral("name")});
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<Page> page = Page::fromRequest(request);
    const Result<QList<Site>> sites =
        core.sites().list(request.http.queryValue(QStringLiteral("name")));
    if (!page || !sites)
        return Nsot::error(page ? sites.error() : page.error());
    const Representation representation(request);
    const QList<Site> rows = sites->mid(page->offset, page->rowsToFetch());
    QJsonArray array;
    for (const Site &site : rows)
        array.append(representation.shape(site.toJson(), Visible));
    return page->respond(request, array, sites->size());
}

QJsonArray rowsOf(const QList<Site> &sites)
{
    QJsonArray rows;
    for (const Site &site : sites)
        rows.append(site.toJson());
    return rows;
}

// One object (201 with Location) or a list (201 with the list), all or none, as devices.
HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    bool wasArray = false;
    const Result<QJsonArray> items = Nsot::items(request, &wasArray);
    if (!items)
        return Nsot::error(items.error());
    const Result<QList<Site>> sites = core.sites().create(*request.identity, items.value());
    if (!sites)
        return Nsot::error(sites.error());
    const QJsonArray rows = rowsOf(sites.value());
    return wasArray ? Nsot::created(request, rows, std::nullopt)
                    : Nsot::created(request, rows.first(), sites->first().id);
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<Site> site = core.sites().get(request.pathParam(QStringLiteral("id")));
    if (!site)
        return Nsot::error(site.error());
    return HttpResponse::json(Representation(request).shape(site->toJson(), Visible));
}

HttpResponse change(CoreServices &core, const ApiRequest &request, bool partial)
{
    return Nsot::change(request, partial, core.sites().get(request.pathParam(QStringLiteral("id"))),
                        core.sites(), rowsOf);
}

HttpResponse bulkChange(CoreServices &core, const ApiRequest &request, bool partial)
{
    return Nsot::bulkChange(request, partial, core.sites(), rowsOf);
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    return Nsot::removeByIds(
        Nsot::idOf(core.sites().get(request.pathParam(QStringLiteral("id")))),
        [&](const QList<qint64> &ids) { return core.sites().remove(*request.identity, ids); });
}

HttpResponse bulkRemove(CoreServices &core, const ApiRequest &request)
{
    return Nsot::removeByIds(Nsot::idList(request), [&](const QList<qint64> &ids) {
        return core.sites().remove(*request.identity, ids);
    });
}

} // namespace

void SitesController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec;
    spec.path = QStringLiteral("/api/sites/");
    spec.summary = QStringLiteral("Site List");
    spec.description = QStringLiteral("API endpoint that allows Sites to be viewed or edited.");
    spec.queryParameters = {
        {QStringLiteral("name"), QStringLiteral("string"), QStringLiteral("Exact name."), false}};
    Nsot::addCollectionRoutes(router, spec, siteSchema(), Nsot::bound(core, list),
                              Nsot::bound(core, create));
    spec.queryParameters = {};
    Nsot::addBulkRoutes(router, spec, QStringLiteral("Site"), siteSchema(),
                        Nsot::bound(core, bulkChange), Nsot::bound(core, bulkRemove));
    spec.path = QStringLiteral("/api/sites/{id}/");
    spec.summary = QStringLiteral("Site Instance");
    spec.queryParameters = {};
    Nsot::addInstanceRoutes(router, spec, siteSchema(), Nsot::bound(core, detail),
                            Nsot::bound(core, change), Nsot::bound(core, remove));
}

} // namespace Cairn
