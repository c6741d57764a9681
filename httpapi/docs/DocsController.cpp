#include "DocsController.h"

#include "OpenApiDocument.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QFile>
#include <QRegularExpression>

namespace Cairn {

namespace {

// Pages may load only what this server serves; that also proves they need no network.
const QByteArray ContentSecurityPolicy =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; worker-src 'self' blob:; script-src 'self'";

QByteArray contentTypeOf(const QString &name)
{
    if (name.endsWith(QLatin1String(".js")))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(QLatin1String(".css")))
        return "text/css; charset=utf-8";
    if (name.endsWith(QLatin1String(".png")))
        return "image/png";
    return "text/html; charset=utf-8";
}

HttpResponse resource(const QString &path)
{
    QFile file(QStringLiteral(":/cairn/docs/") + path);
    if (!file.open(QIODevice::ReadOnly))
        return FaceErrors::response(Face::Docs, 404, Error::notFound(QStringLiteral("Not found.")));
    return HttpResponse::bytes(file.readAll(), contentTypeOf(path))
        .withHeader("Content-Security-Policy", ContentSecurityPolicy)
        .withHeader("Cache-Control", "public, max-age=3600");
}

RouteSpec docsSpec(const QString &path, const QString &summary, const QString &contentType)
{
    RouteSpec spec;
    spec.method = "GET";
    spec.path = path;
    spec.face = Face::Docs;
    spec.summary = summary;
    spec.isPublic = true;
    spec.responseContentType = contentType;
    spec.responseSchema =
        JsonSchema::ofType(contentType == QLatin1String("application/json") ? "object" : "string");
    return spec;
}

} // namespace

void DocsController::registerRoutes(Router &router, const std::shared_ptr<const Router> &ztp,
                                    const QString &ztpUrl)
{
    router.add(docsSpec(QStringLiteral("/api/schema/"), QStringLiteral("OpenAPI 3 document"),
                        QStringLiteral("application/json")),
               [&router, ztp, ztpUrl](const ApiRequest &) {
                   return HttpResponse::json(OpenApiDocument::build(router, ztp.get(), ztpUrl))
                       .withHeader("Access-Control-Allow-Origin", "*");
               });
    router.add(docsSpec(QStringLiteral("/api/docs/"), QStringLiteral("Swagger UI"),
                        QStringLiteral("text/html")),
               [](const ApiRequest &) { return resource(QStringLiteral("swagger.html")); });
    router.add(docsSpec(QStringLiteral("/api/redoc/"), QStringLiteral("ReDoc"),
                        QStringLiteral("text/html")),
               [](const ApiRequest &) { return resource(QStringLiteral("redoc.html")); });
    // A browser pointed at the server's address lands here rather than on a 404.
    RouteSpec landing =
        docsSpec(QStringLiteral("/"), QStringLiteral("Landing page"), QStringLiteral("text/html"));
    landing.documented = false;
    HttpResponse page = resource(QStringLiteral("index.html"));
    page.body.replace("@VERSION@", CAIRN_VERSION);
    router.add(landing, [page](const ApiRequest &) { return page; });
    RouteSpec assets =
        docsSpec(QStringLiteral("/api/docs/assets/{file}"),
                 QStringLiteral("Documentation page assets"), QStringLiteral("text/javascript"));
    assets.documented = false;
    router.add(assets, [](const ApiRequest &request) {
        static const QRegularExpression safeName(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]*$"));
        const QString name = request.pathParam(QStringLiteral("file"));
        if (!safeName.match(name).hasMatch())
            return FaceErrors::response(Face::Docs, 404,
                                        Error::notFound(QStringLiteral("Not found.")));
        return resource(QStringLiteral("assets/") + name);
    });
}

} // namespace Cairn
