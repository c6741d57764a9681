#include "ZtpNodesController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

QJsonArray patternsJson(const QList<Pattern> &patterns)
{
    QJsonArray list;
    for (const Pattern &pattern : patterns)
        list.append(QJsonObject{{QStringLiteral("name"), pattern.name},
                                {QStringLiteral("definition"), pattern.definition},
                                {QStringLiteral("node"), pattern.node},
                                {QStringLiteral("line"), pattern.line}});
    return list;
}

HttpResponse neighborDb(CoreServices &core, const ApiRequest &request)
{
    const Result<std::shared_ptr<const NeighborDb>> found =
        core.ztp().neighborDb(*request.identity);
    if (!found)
        return FaceErrors::response(Face::Native, found.error());
    const std::shared_ptr<const NeighborDb> &db = found.value();
    QJsonArray problems;
    for (const NeighborDbProblem &problem : db->problems())
        problems.append(problem.toJson());
    return HttpResponse::json(QJsonObject{
        {QStringLiteral("path"), core.ztp().dataRoot().file(QStringLiteral("neighbordb"))},
        {QStringLiteral("valid"), db->isValid()},
        {QStringLiteral("errors"), problems},
        {QStringLiteral("notices"), QJsonArray::fromStringList(db->notices())},
        {QStringLiteral("node_patterns"), patternsJson(db->nodePatterns())},
        {QStringLiteral("global_patterns"), patternsJson(db->globalPatterns())},
    });
}

RouteSpec nativeSpec(const QString &path, const QString &summary)
{
    RouteSpec spec = RouteSpec::of(Face::Native, "GET", path, summary);
    spec.responseSchema = JsonSchema::ofType("object");
    return spec;
}

} // namespace

void ZtpNodesController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec list = nativeSpec(QStringLiteral("/api/ztp/nodes/"),
                                QStringLiteral("List zero-touch provisioned nodes"));
    list.description = QStringLiteral("Every node that registered on the ZTP listener, with the "
                                      "pattern it matched, its inventory device and its progress "
                                      "(registered, definition_sent, configured, refused).");
    list.queryParameters = nativeListParameters();
    router.add(list, [&core](const ApiRequest &request) {
        return nativeList(request, core.ztp().nodes(*request.identity));
    });
    router.add(nativeSpec(QStringLiteral("/api/ztp/nodes/{id}/"),
                          QStringLiteral("Get a zero-touch provisioned node")),
               [&core](const ApiRequest &request) {
                   const Result<ZtpNodeRecord> record =
                       core.ztp().node(*request.identity, request.pathParam(QStringLiteral("id")));
                   return record ? HttpResponse::json(record->toJson())
                                 : FaceErrors::response(Face::Native, record.error());
               });
    RouteSpec status = nativeSpec(QStringLiteral("/api/ztp/neighbordb/"),
                                  QStringLiteral("The neighbordb in force"));
    status.description = QStringLiteral("Whether the neighbordb is valid, its patterns, or every "
                                        "error that refuses it, with line numbers.");
    router.add(status, [&core](const ApiRequest &request) { return neighborDb(core, request); });
}

} // namespace Cairn
