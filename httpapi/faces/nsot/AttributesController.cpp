#include "AttributesController.h"

#include "CoreServices.h"
#include "NsotSupport.h"
#include "Representation.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
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

HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    bool wasArray = false;
    const Result<QJsonArray> items = Nsot::items(request, &wasArray);
    if (!site || !items)
        return Nsot::error(site ? items.error() : site.error());
    QJsonArray created;
    std::optional<qint64> lastId;
    // Attribute definitions are few; each is its own transaction, stopping at the first error.
    for (const QJsonValue item : items.value()) {
        QJsonObject fields = item.toObject();
        if (site.value() && !fields.contains(QStringLiteral("site_id")))
            fields.insert(QStringLiteral("site_id"), *site.value());
        Result<Attribute> attribute = core.attributes().create(*request.identity, fields);
        if (!attribute)
            return Nsot::error(attribute.error());
        created.append(attribute->toJson());
        lastId = attribute->id;
    }
    return wasArray ? Nsot::created(request, created, std::nullopt)
                    : Nsot::created(request, created.first(), lastId);
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
    const Result<Attribute> current = target(core, request);
    const Result<QJsonObject> body = request.bodyObject();
    if (!current || !body)
        return Nsot::error(current ? body.error() : current.error());
    const Result<Attribute> attribute =
        core.attributes().update(*request.identity, current->id, body.value(), partial);
    if (!attribute)
        return Nsot::error(attribute.error());
    return HttpResponse::json(attribute->toJson());
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    const Result<Attribute> current = target(core, request);
    if (!current)
        return Nsot::error(current.error());
    const Result<Attribute> removed = core.attributes().remove(*request.identity, current->id);
    if (!removed)
        return Nsot::error(removed.error());
    return HttpResponse::noContent();
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
        spec.path = prefix + QStringLiteral("/attributes/{id}/");
        spec.summary = QStringLiteral("Attribute Instance");
        spec.queryParameters = {};
        Nsot::addInstanceRoutes(router, spec, attributeSchema(), Nsot::bound(core, detail),
                                Nsot::bound(core, change), Nsot::bound(core, remove));
    }
}

} // namespace Cairn
