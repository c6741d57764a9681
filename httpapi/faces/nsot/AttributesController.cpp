#include "AttributesController.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "inventory/BulkItems.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Representation.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

const QStringList Visible{
    QStringLiteral("id"),          QStringLiteral("site_id"),       QStringLiteral("name"),
    QStringLiteral("description"), QStringLiteral("resource_name"), QStringLiteral("required"),
    QStringLiteral("display"),     QStringLiteral("multi"),         QStringLiteral("constraints")};

QJsonObject attributeSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("site_id"), JsonSchema::ofType("integer")},
         {QStringLiteral("name"),
          JsonSchema::ofType(
              "string", QStringLiteral("Lowercase letters, digits, underscores; cannot change."))},
         {QStringLiteral("resource_name"),
          JsonSchema::ofType(
              "string",
              QStringLiteral("Device, Network, Interface, Circuit or Protocol; cannot change."))},
         {QStringLiteral("description"), JsonSchema::ofType("string")},
         {QStringLiteral("required"), JsonSchema::ofType("boolean")},
         {QStringLiteral("display"), JsonSchema::ofType("boolean")},
         {QStringLiteral("multi"), JsonSchema::ofType("boolean")},
         {QStringLiteral("constraints"),
          JsonSchema::ofType("object", QStringLiteral("allow_empty, pattern, valid_values"))}},
        {QStringLiteral("name"), QStringLiteral("resource_name")});
}

// The definition named in the path, which must belong to the nested site if there is one.
Result<Attribute> target(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&numeric);
    Result<Attribute> attribute =
        numeric ? core.attributes().get(id)
                : Result<Attribute>(Error::notFound(QStringLiteral("Attribute not found.")));
    if (attribute && site.value() && attribute->siteId != *site.value())
        return Error::notFound(QStringLiteral("Attribute not found."));
    return attribute;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    const Result<Page> page = Page::fromRequest(request);
    if (!site || !page)
        return Nsot::error(site ? page.error() : site.error());
    const Result<QList<Attribute>> all = core.attributes().list(
        AttributeFilter{site.value(), request.http.queryValue(QStringLiteral("resource_name")),
                        request.http.queryValue(QStringLiteral("name"))});
    if (!all)
        return Nsot::error(all.error());
    QList<Attribute> matching;
    for (const Attribute &attribute : all.value()) {
        const auto flagMatches = [&](const QString &name, bool value) {
            const QString wanted = request.http.queryValue(name);
            return wanted.isEmpty() || request.queryFlag(name) == value;
        };
        if (flagMatches(QStringLiteral("required"), attribute.required) &&
            flagMatches(QStringLiteral("display"), attribute.display) &&
            flagMatches(QStringLiteral("multi"), attribute.multi))
            matching << attribute;
    }
    Representation representation(request);
    Nsot::addSiteExpander(representation, core);
    QJsonArray array;
    for (const Attribute &attribute : matching.mid(page->offset, page->rowsToFetch()))
        array.append(representation.shape(attribute.toJson(), Visible));
    return page->respond(request, array, matching.size());
}

QJsonArray rowsOf(const QList<Attribute> &attributes)
{
    QJsonArray rows;
    for (const Attribute &attribute : attributes)
        rows.append(attribute.toJson());
    return rows;
}

// One object or a list, all or none.
HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    return Nsot::create(request, core.attributes(), Nsot::nestedSite(core, request), rowsOf);
}

// Under /api/sites/{site_id}/, bulk changes reach only that site's definitions.
Result<void> inNestedSite(CoreServices &core, const ApiRequest &request, const QList<qint64> &ids)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site || !site->has_value())
        return site ? Result<void>() : Result<void>(site.error());
    for (qint64 id : ids) {
        const Result<Attribute> attribute = core.attributes().get(id);
        if (!attribute || attribute->siteId != *site.value())
            return Error::notFound(QStringLiteral("Attribute %1 not found.").arg(id));
    }
    return {};
}

HttpResponse bulkChange(CoreServices &core, const ApiRequest &request, bool partial)
{
    const Result<QJsonValue> body = request.jsonBody();
    const Result<QList<qint64>> ids =
        body ? BulkItems::idsOf(body->toArray()) : Result<QList<qint64>>(body.error());
    const Result<void> reachable = ids ? inNestedSite(core, request, ids.value()) : ids.error();
    if (!reachable)
        return Nsot::error(reachable.error());
    return Nsot::bulkChange(request, partial, core.attributes(), rowsOf);
}

HttpResponse bulkRemove(CoreServices &core, const ApiRequest &request)
{
    return Nsot::removeByIds(Nsot::idList(request), [&](const QList<qint64> &ids) {
        const Result<void> reachable = inNestedSite(core, request, ids);
        return reachable ? core.attributes().remove(*request.identity, ids) : reachable;
    });
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    Result<Attribute> attribute = target(core, request);
    if (!attribute)
        return Nsot::error(attribute.error());
    Representation representation(request);
    Nsot::addSiteExpander(representation, core);
    return HttpResponse::json(representation.shape(attribute->toJson(), Visible));
}

HttpResponse change(CoreServices &core, const ApiRequest &request, bool partial)
{
    return Nsot::change(request, partial, target(core, request), core.attributes(), rowsOf);
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    return Nsot::removeByIds(Nsot::idOf(target(core, request)), [&](const QList<qint64> &ids) {
        return core.attributes().remove(*request.identity, ids);
    });
}

} // namespace

void AttributesController::registerRoutes(Router &router, CoreServices &core)
{
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        RouteSpec spec;
        spec.path = prefix + QStringLiteral("/attributes/");
        spec.summary = QStringLiteral("Attribute List");
        spec.description =
            QStringLiteral("API endpoint that allows Attributes to be viewed or edited.");
        spec.queryParameters = {{QStringLiteral("name"), QStringLiteral("string"),
                                 QStringLiteral("Exact name."), false},
                                {QStringLiteral("resource_name"), QStringLiteral("string"),
                                 QStringLiteral("Device, Network, ..."), false},
                                {QStringLiteral("required"), QStringLiteral("boolean"), {}, false},
                                {QStringLiteral("display"), QStringLiteral("boolean"), {}, false},
                                {QStringLiteral("multi"), QStringLiteral("boolean"), {}, false},
                                {QStringLiteral("limit"), QStringLiteral("integer"), {}, false},
                                {QStringLiteral("offset"), QStringLiteral("integer"), {}, false}};
        Nsot::addCollectionRoutes(router, spec, attributeSchema(), Nsot::bound(core, list),
                                  Nsot::bound(core, create));
        spec.queryParameters = {};
        Nsot::addBulkRoutes(router, spec, QStringLiteral("Attribute"), attributeSchema(),
                            Nsot::bound(core, bulkChange), Nsot::bound(core, bulkRemove));
        spec.path = prefix + QStringLiteral("/attributes/{id}/");
        spec.summary = QStringLiteral("Attribute Instance");
        spec.queryParameters = {};
        Nsot::addInstanceRoutes(router, spec, attributeSchema(), Nsot::bound(core, detail),
                                Nsot::bound(core, change), Nsot::bound(core, remove));
    }
}

} // namespace Cairn
