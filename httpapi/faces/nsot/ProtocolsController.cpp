#include "ProtocolsController.h"

#include "CoreServices.h"
#include "NsotHandlers.h"
#include "NsotShapes.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

QJsonObject protocolTypeSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("name"),
          JsonSchema::ofType("string", QStringLiteral("At most 16 characters."))},
         {QStringLiteral("description"), JsonSchema::ofType("string")},
         {QStringLiteral("required_attributes"),
          JsonSchema::arrayOf(
              JsonSchema::ofType("string", QStringLiteral("Protocol attribute names.")))},
         {QStringLiteral("site"), JsonSchema::ofType("integer")}},
        {QStringLiteral("name")});
}

QJsonObject protocolSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
         {QStringLiteral("site"), JsonSchema::ofType("integer")},
         {QStringLiteral("type"),
          JsonSchema::ofType("string", QStringLiteral("Protocol type name (or id)."))},
         {QStringLiteral("device"),
          JsonSchema::ofType("string", QStringLiteral("Hostname (or id)."))},
         {QStringLiteral("interface"),
          JsonSchema::ofType("string", QStringLiteral("Interface name_slug (or id), or null."))},
         {QStringLiteral("circuit"),
          JsonSchema::ofType("string", QStringLiteral("Circuit name_slug (or id), or null."))},
         {QStringLiteral("description"), JsonSchema::ofType("string")},
         {QStringLiteral("auth_string"),
          JsonSchema::ofType("string", QStringLiteral("e.g. an MD5 key."))},
         {QStringLiteral("attributes"),
          JsonSchema::ofType("object", QStringLiteral("Dictionary of attributes to set."))}},
        {QStringLiteral("type"), QStringLiteral("device")});
}

Result<ProtocolTypeFilter> typeFilterOf(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    ProtocolTypeFilter filter;
    filter.siteId = site.value();
    filter.name = request.http.queryValue(QStringLiteral("name"));
    if (request.http.query.hasQueryItem(QStringLiteral("description")))
        filter.description = request.http.queryValue(QStringLiteral("description"));
    return filter;
}

// A related object in a filter, by id or natural key; one that does not exist matches nothing.
template <typename Get>
std::optional<qint64> relatedId(const ApiRequest &request, const QString &name, Get &&get)
{
    const QString key = request.http.queryValue(name);
    if (key.isEmpty())
        return std::nullopt;
    const auto found = get(key);
    return found ? found->id : 0;
}

Result<ProtocolFilter> filterOf(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    if (!site)
        return site.error();
    ProtocolFilter filter;
    filter.siteId = site.value();
    filter.deviceId = relatedId(request, QStringLiteral("device"), [&](const QString &key) {
        return core.devices().get(key, filter.siteId);
    });
    filter.typeId = relatedId(request, QStringLiteral("type"), [&](const QString &key) {
        return core.protocolTypes().get(key, filter.siteId);
    });
    filter.interfaceId = relatedId(request, QStringLiteral("interface"), [&](const QString &key) {
        return core.interfaces().get(key, filter.siteId);
    });
    filter.circuitId = relatedId(request, QStringLiteral("circuit"), [&](const QString &key) {
        return core.circuits().get(key, filter.siteId);
    });
    if (request.http.query.hasQueryItem(QStringLiteral("description")))
        filter.description = request.http.queryValue(QStringLiteral("description"));
    const Result<QList<QPair<QString, QString>>> attributes = Nsot::attributeFilters(request);
    if (!attributes)
        return attributes.error();
    filter.attributes = attributes.value();
    return filter;
}

struct ProtocolTypeTraits
{
    static ProtocolTypeService &service(CoreServices &core) { return core.protocolTypes(); }
    static constexpr auto filter = typeFilterOf;
    static constexpr auto rows = Nsot::protocolTypeRows;
};

struct ProtocolTraits
{
    static ProtocolService &service(CoreServices &core) { return core.protocols(); }
    static constexpr auto filter = filterOf;
    static constexpr auto rows = Nsot::protocolRows;
};

} // namespace

void ProtocolsController::registerRoutes(Router &router, CoreServices &core)
{
    using Types = Nsot::Resource<ProtocolTypeTraits>;
    using Protocols = Nsot::Resource<ProtocolTraits>;
    const Nsot::ResourceDocs typeDocs{
        QStringLiteral("ProtocolType"),
        QStringLiteral("protocol_types"),
        QStringLiteral("id or name"),
        {},
        protocolTypeSchema(),
        Nsot::listParameters(
            {{QStringLiteral("name"), QStringLiteral("string"), {}, false},
             {QStringLiteral("description"), QStringLiteral("string"), {}, false}}),
        {}};
    const Nsot::ResourceDocs protocolDocs{
        QStringLiteral("Protocol"),
        QStringLiteral("protocols"),
        QStringLiteral("id"),
        QStringLiteral("e.g. asn=65001"),
        protocolSchema(),
        Nsot::listParameters({{QStringLiteral("device"), QStringLiteral("string"),
                               QStringLiteral("Hostname or id."), false},
                              {QStringLiteral("type"), QStringLiteral("string"),
                               QStringLiteral("Type name or id."), false},
                              {QStringLiteral("interface"), QStringLiteral("string"),
                               QStringLiteral("name_slug or id."), false},
                              {QStringLiteral("circuit"), QStringLiteral("string"),
                               QStringLiteral("name_slug or id."), false},
                              {QStringLiteral("description"), QStringLiteral("string"), {}, false},
                              {QStringLiteral("attributes"), QStringLiteral("string"),
                               QStringLiteral("name=value, repeatable, ANDed."), false}}),
        {}};
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        // Protocol types, as NSoT has them: no set queries.
        RouteSpec spec;
        spec.face = Face::Nsot;
        spec.path = prefix + QStringLiteral("/protocol_types/");
        spec.summary = QStringLiteral("ProtocolType List");
        spec.description = QStringLiteral("Protocol types (bgp, ospf, ...) and the Protocol "
                                          "attributes each requires.");
        spec.queryParameters = typeDocs.listParameters;
        Nsot::addCollectionRoutes(router, spec, typeDocs.schema, Nsot::bound(core, Types::list),
                                  Nsot::bound(core, Types::create));
        spec.queryParameters = {};
        Nsot::addBulkRoutes(router, spec, typeDocs.type, typeDocs.schema,
                            Nsot::bound(core, Types::bulkChange),
                            Nsot::bound(core, Types::bulkRemove));
        Types::addInstanceRoutes(router, core, prefix + QStringLiteral("/protocol_types/{key}/"),
                                 typeDocs);

        Protocols::addListRoutes(router, core, prefix, protocolDocs);
        Protocols::addInstanceRoutes(router, core, prefix + QStringLiteral("/protocols/{key}/"),
                                     protocolDocs);
    }
}

} // namespace Cairn
