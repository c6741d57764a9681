#include "ZtpController.h"

#include "CoreServices.h"
#include "routing/FaceErrors.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

HttpResponse failure(const Error &error)
{
    return FaceErrors::response(Face::Ztp, error);
}

QString peerOf(const ApiRequest &request)
{
    return request.http.peer.toString();
}

RouteSpec spec(const char *method, const char *path, const char *summary, int status,
               const char *contentType)
{
    RouteSpec route;
    route.method = method;
    route.path = QString::fromLatin1(path);
    route.face = Face::Ztp;
    route.summary = QString::fromLatin1(summary);
    route.isPublic = true;
    route.successStatus = status;
    route.responseContentType = QString::fromLatin1(contentType);
    route.documented = false;
    return route;
}

HttpResponse bytesOr(const Result<QByteArray> &content, const QByteArray &contentType)
{
    if (!content)
        return failure(content.error());
    return HttpResponse::bytes(content.value(), contentType);
}

HttpResponse registerNode(CoreServices &core, const ApiRequest &request)
{
    // Off the listener thread: the answer waits until the node is written.
    return HttpResponse::later([services = &core, body = request.http.body, peer = peerOf(request),
                                base = request.baseUrl()] {
        const Result<ZtpService::Registration> registered =
            services->ztp().registerNode(body, peer);
        if (!registered)
            return failure(registered.error());
        return HttpResponse::bytes({}, "text/html", registered->created ? 201 : 409)
            .withHeader("Location",
                        (base + QStringLiteral("/nodes/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(registered->nodeId)))
                            .toUtf8());
    });
}

HttpResponse storeStartupConfig(CoreServices &core, const ApiRequest &request)
{
    const Result<void> stored = core.ztp().storeStartupConfig(
        request.pathParam(QStringLiteral("id")), request.http.body, peerOf(request));
    if (!stored)
        return failure(stored.error());
    return HttpResponse::bytes({}, "text/html", 201);
}

HttpResponse file(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> path =
        core.ztp().servedFile(QStringLiteral("files"), request.pathParam(QStringLiteral("path")));
    if (!path)
        return failure(path.error());
    // ZTPServer serves every file as text/plain, which its client expects.
    Result<HttpResponse> streamed = HttpResponse::streamedFile(path.value(), "text/plain");
    return streamed ? streamed.value() : failure(streamed.error());
}

HttpResponse meta(CoreServices &core, const ApiRequest &request)
{
    // Hashing an image takes a while: off the listener thread.
    return HttpResponse::later([services = &core, type = request.pathParam(QStringLiteral("type")),
                                path = request.pathParam(QStringLiteral("path"))] {
        const Result<QJsonObject> found = services->ztp().meta(type, path);
        return found ? HttpResponse::json(found.value()) : failure(found.error());
    });
}

} // namespace

void ZtpController::registerRoutes(Router &router, CoreServices &core)
{
    router.add(
        spec("GET", "/bootstrap", "The bootstrap script, $SERVER replaced", 200, "text/x-python"),
        [&core](const ApiRequest &) {
            return bytesOr(core.ztp().bootstrapScript(), "text/x-python");
        });
    router.add(spec("GET", "/bootstrap/config", "The bootstrap client's logging and XMPP settings",
                    200, "application/json"),
               [&core](const ApiRequest &) {
                   const Result<QJsonObject> config = core.ztp().bootstrapConfig();
                   return config ? HttpResponse::json(config.value()) : failure(config.error());
               });
    router.add(spec("POST", "/nodes", "Register a node", 201, "text/html"),
               [&core](const ApiRequest &request) { return registerNode(core, request); });
    router.add(spec("GET", "/nodes/{id}", "A node's definition", 200, "application/json"),
               [&core](const ApiRequest &request) {
                   // Plugins may run: off the listener thread.
                   return HttpResponse::later([services = &core,
                                               id = request.pathParam(QStringLiteral("id")),
                                               peer = peerOf(request)] {
                       const Result<QJsonObject> definition = services->ztp().definition(id, peer);
                       return definition ? HttpResponse::json(definition.value())
                                         : failure(definition.error());
                   });
               });
    router.add(spec("PUT", "/nodes/{id}/startup-config", "Back up a node's startup-config", 201,
                    "text/html"),
               [&core](const ApiRequest &request) { return storeStartupConfig(core, request); });
    router.add(
        spec("GET", "/nodes/{id}/startup-config", "A node's startup-config", 200, "text/plain"),
        [&core](const ApiRequest &request) {
            return bytesOr(core.ztp().startupConfig(request.pathParam(QStringLiteral("id"))),
                           "text/plain");
        });
    router.add(spec("GET", "/actions/{name}", "An action script", 200, "text/x-python"),
               [&core](const ApiRequest &request) {
                   return bytesOr(core.ztp().action(request.pathParam(QStringLiteral("name")),
                                                    peerOf(request)),
                                  "text/x-python");
               });
    router.add(spec("GET", "/files/{path*}", "A file under files/", 200, "text/plain"),
               [&core](const ApiRequest &request) { return file(core, request); });
    router.add(spec("GET", "/meta/{type}/{path*}", "sha1 and size of an action, file or node file",
                    200, "application/json"),
               [&core](const ApiRequest &request) { return meta(core, request); });
}

} // namespace Cairn
