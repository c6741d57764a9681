#include "SitesController.h"

#include "CoreServices.h"
#include "NsotSupport.h"
#include "Representation.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
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

HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return Nsot::error(body.error());
    const Result<Site> site = core.sites().create(*request.identity, body.value());
    if (!site)
        return Nsot::error(site.error());
    return Nsot::created(request, site->toJson(), site->id);
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
    const Result<Site> current = core.sites().get(request.pathParam(QStringLiteral("id")));
    const Result<QJsonObject> body = request.bodyObject();
    if (!current || !body)
        return Nsot::error(current ? body.error() : current.error());
    const Result<Site> site =
        core.sites().update(*request.identity, current->id, body.value(), partial);
    if (!site)
        return Nsot::error(site.error());
    return HttpResponse::json(site->toJson());
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    const Result<Site> current = core.sites().get(request.pathParam(QStringLiteral("id")));
    if (!current)
        return Nsot::error(current.error());
    const Result<Site> removed = core.sites().remove(*request.identity, current->id);
    if (!removed)
        return Nsot::error(removed.error());
    return HttpResponse::noContent();
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
    spec.path = QStringLiteral("/api/sites/{id}/");
    spec.summary = QStringLiteral("Site Instance");
    spec.queryParameters = {};
    Nsot::addInstanceRoutes(router, spec, siteSchema(), Nsot::bound(core, detail),
                            Nsot::bound(core, change), Nsot::bound(core, remove));
}

} // namespace Cairn
