#include "Router.h"

#include "Authenticator.h"
#include "CrossSiteGuard.h"
#include "FaceErrors.h"
#include "ResponseCache.h"
#include "docs/BrowsableApi.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <exception>

Q_LOGGING_CATEGORY(lcRouter, "cairn.http.router")

namespace Cairn {

namespace {

// The face of the route sharing the most leading segments with an unknown path, beyond the
// first (`/rest/machine/...` is Enomalism's, `/rest/instance/...` eNMS's): its 404 comes in the
// envelope that face's clients parse. `fallback` when no route shares two.
Face nearestFace(const QList<Route> &routes, const QStringList &segments, Face fallback)
{
    Face nearest = fallback;
    qsizetype longest = 1;
    for (const Route &route : routes) {
        const QStringList parts = route.spec().path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        qsizetype shared = 0;
        while (shared < parts.size() && shared < segments.size() &&
               !parts.at(shared).startsWith(QLatin1Char('{')) &&
               parts.at(shared) == segments.at(shared))
            ++shared;
        if (shared > longest) {
            longest = shared;
            nearest = route.spec().face;
        }
    }
    return nearest;
}

QByteArray allowHeader(const QList<const Route *> &routes)
{
    QList<QByteArray> methods;
    for (const Route *route : routes) {
        if (!methods.contains(route->spec().method))
            methods << route->spec().method;
    }
    if (methods.contains("GET"))
        methods << "HEAD";
    methods << "OPTIONS";
    return methods.join(", ");
}

// DRF's label for a field: "site_id" -> "Site id", "id" -> "ID".
QString labelOf(const QString &name)
{
    if (name == QLatin1String("id"))
        return QStringLiteral("ID");
    QString label = name;
    label.replace(QLatin1Char('_'), QLatin1Char(' '));
    label[0] = label[0].toUpper();
    return label;
}

// DRF's field type names for JSON Schema's.
QString fieldType(const QString &schemaType)
{
    static const QHash<QString, QString> names{{QStringLiteral("object"), QStringLiteral("field")},
                                               {QStringLiteral("array"), QStringLiteral("list")},
                                               {QStringLiteral("number"), QStringLiteral("float")}};
    return names.value(schemaType, schemaType.isEmpty() ? QStringLiteral("field") : schemaType);
}

// The fields of a request body (of one item, for list bodies), as DRF's OPTIONS lists them.
QJsonObject fieldDescriptions(QJsonObject schema)
{
    if (schema.value(QStringLiteral("type")).toString() == QLatin1String("array"))
        schema = schema.value(QStringLiteral("items")).toObject();
    const QJsonArray required = schema.value(QStringLiteral("required")).toArray();
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    QJsonObject fields;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        QJsonObject field{
            {QStringLiteral("type"), fieldType(property.value(QStringLiteral("type")).toString())},
            {QStringLiteral("required"), required.contains(it.key())},
            {QStringLiteral("read_only"), property.value(QStringLiteral("readOnly")).toBool()},
            {QStringLiteral("label"),
             property.value(QStringLiteral("title")).toString(labelOf(it.key()))},
        };
        if (property.contains(QStringLiteral("description")))
            field.insert(QStringLiteral("help_text"),
                         property.value(QStringLiteral("description")));
        if (property.contains(QStringLiteral("maxLength")))
            field.insert(QStringLiteral("max_length"), property.value(QStringLiteral("maxLength")));
        fields.insert(it.key(), field);
    }
    return fields;
}

} // namespace

Router::Router(const Authenticator *authenticator)
    : m_authenticator(authenticator)
{
}

void Router::add(RouteSpec spec, RouteHandler handler)
{
    Q_ASSERT(spec.isPublic || m_authenticator);
    m_routes.append(Route(std::move(spec), std::move(handler)));
}

void Router::addPutAndPatch(RouteSpec spec,
                            const std::function<HttpResponse(const ApiRequest &, bool)> &handler)
{
    spec.method = "PUT";
    add(spec, [handler](const ApiRequest &request) { return handler(request, false); });
    spec.method = "PATCH";
    add(spec, [handler](const ApiRequest &request) { return handler(request, true); });
}

void Router::setCache(ResponseCache *cache, std::function<bool(const RouteSpec &)> cacheable)
{
    m_cache = cache;
    m_cacheable = std::move(cacheable);
}

HttpResponse Router::dispatch(const HttpRequest &request, QString *user, QByteArray *route) const
{
    if (route)
        *route = QByteArrayLiteral("unmatched");
    const Face pathFace = m_onlyFace.value_or(faceForPath(request.rawPath));
    if (request.method.isEmpty())
        return FaceErrors::response(pathFace, 501,
                                    Error::badRequest(QStringLiteral("Method not implemented.")));
    QList<const Route *> matching;
    QList<QHash<QString, QString>> params;
    for (const Route &route : m_routes) {
        if (auto found = route.match(request.segments)) {
            matching << &route;
            params << *found;
        }
    }
    if (matching.isEmpty()) {
        const Face face = m_onlyFace.value_or(nearestFace(m_routes, request.segments, pathFace));
        return FaceErrors::response(face, 404,
                                    Error::notFound(face == Face::Nsot
                                                        ? QStringLiteral("Endpoint not found.")
                                                        : QStringLiteral("Not found.")));
    }
    if (request.method == "OPTIONS")
        return options(matching);
    const QByteArray wanted = request.method == "HEAD" ? QByteArray("GET") : request.method;
    for (qsizetype i = 0; i < matching.size(); ++i) {
        if (matching[i]->spec().method == wanted) {
            if (route)
                *route = matching[i]->label();
            return dispatchMatched(request, *matching[i], params[i], user);
        }
    }
    return FaceErrors::response(matching.first()->spec().face, 405,
                                Error::badRequest(QStringLiteral("Method \"%1\" not allowed.")
                                                      .arg(QString::fromLatin1(request.method))))
        .withHeader("Allow", allowHeader(matching));
}

HttpResponse Router::dispatchMatched(const HttpRequest &request, const Route &route,
                                     QHash<QString, QString> params, QString *user) const
{
    const RouteSpec &spec = route.spec();
    if (CrossSiteGuard::refuses(request, spec.face))
        return FaceErrors::response(
            spec.face, Error::forbidden(QStringLiteral("A request from another site may not "
                                                       "change anything here (CSRF).")));
    if (m_authenticator && !spec.isPublic && m_authenticator->wouldHashPassword(request)) {
        // A password hash takes tens of milliseconds: never on a listener thread, where it
        // would hold up every other connection the thread serves. The request is served whole
        // on the blocking-work pool, its own deferred work included.
        // The caller is told through the answer: the listener may be gone by the time it is.
        return HttpResponse::later([this, request, &route, params = std::move(params)] {
            QString caller;
            HttpResponse response = serve(request, route, params, &caller);
            while (response.deferred) {
                const std::function<HttpResponse()> work = std::move(response.deferred);
                response = work();
            }
            response.caller = caller;
            return response;
        });
    }
    return serve(request, route, std::move(params), user);
}

HttpResponse Router::serve(const HttpRequest &request, const Route &route,
                           QHash<QString, QString> params, QString *user) const
{
    const RouteSpec &spec = route.spec();
    ApiRequest apiRequest{request, std::move(params), std::nullopt, &spec.requestSchema};
    // Public routes never pay for credentials they do not need (a password check per call
    // would make the health check a way to burn CPU).
    if (m_authenticator && !spec.isPublic) {
        std::optional<Result<Identity>> identity = m_authenticator->authenticate(request);
        if (identity && !identity->ok()) {
            const Error &error = identity->error();
            HttpResponse denied = FaceErrors::response(
                spec.face, spec.face == Face::Enms && error.code == ErrorCode::Unauthorized
                               ? Error::unauthorized(QStringLiteral("Wrong Credentials."))
                               : error);
            if (denied.status == 401)
                denied.withHeader("WWW-Authenticate", challengeFor(spec.face));
            return denied;
        }
        if (!identity) {
            return FaceErrors::response(
                       spec.face,
                       Error::unauthorized(spec.face == Face::Enms
                                               ? QStringLiteral("Wrong Credentials.")
                                               : QStringLiteral("Authentication credentials "
                                                                "were not provided.")))
                .withHeader("WWW-Authenticate", challengeFor(spec.face));
        }
        if (identity && identity->ok()) {
            apiRequest.identity = identity->value();
            if (user)
                *user = apiRequest.identity->user.username;
        }
    }
    std::optional<qint64> version;
    QByteArray cacheKey;
    if (m_cache && (request.method == "GET" || request.method == "HEAD") && m_cacheable(spec)) {
        version = m_cache->version();
        if (version) {
            cacheKey = ResponseCache::keyOf(request);
            if (std::optional<HttpResponse> cached = m_cache->find(cacheKey, *version))
                return *std::move(cached);
        }
    }
    try {
        HttpResponse response = route.handle(apiRequest);
        if ((spec.face == Face::Nsot || spec.face == Face::Native) && !response.deferred &&
            BrowsableApi::wanted(request, response))
            response = BrowsableApi::render(request, response);
        CrossSiteGuard::protect(response);
        // Read before the handler ran, the version is never newer than the data stored with it.
        // A deferred answer is work still to do for this caller, not an answer to keep.
        if (version && response.status == 200 && !response.deferred && !response.pieces)
            m_cache->store(cacheKey, *version, response);
        return response;
    } catch (const std::exception &exception) {
        qCCritical(lcRouter) << spec.method << spec.path << "failed:" << exception.what();
        return FaceErrors::response(spec.face, Error::internal(QStringLiteral("Internal error.")));
    }
}

HttpResponse Router::options(const QList<const Route *> &routes)
{
    // As Django REST framework does: the writable methods that create or replace.
    QJsonObject actions;
    for (const Route *route : routes) {
        const QByteArray &method = route->spec().method;
        if ((method == "POST" || method == "PUT") && !route->spec().requestSchema.isEmpty())
            actions.insert(QString::fromLatin1(method),
                           fieldDescriptions(route->spec().requestSchema));
    }
    const RouteSpec &first = routes.first()->spec();
    const bool browsable = first.face == Face::Nsot || first.face == Face::Native;
    QJsonObject body{
        {QStringLiteral("name"), first.summary},
        {QStringLiteral("description"), first.description},
        {QStringLiteral("renders"),
         browsable ? QJsonArray{QStringLiteral("application/json"), QStringLiteral("text/html")}
                   : QJsonArray{QStringLiteral("application/json")}},
        {QStringLiteral("parses"), QJsonArray{QStringLiteral("application/json"),
                                              QStringLiteral("application/x-www-form-urlencoded")}},
    };
    if (!actions.isEmpty())
        body.insert(QStringLiteral("actions"), actions);
    return HttpResponse::json(body)
        .withHeader("Allow", allowHeader(routes))
        .withHeader("Vary", "Accept");
}

QByteArray Router::challengeFor(Face face)
{
    switch (face) {
    case Face::Nsot:
        return "AuthToken";
    case Face::Enms:
    case Face::Enomalism:
        return "Basic realm=\"Cairn\"";
    default:
        return "Token";
    }
}

} // namespace Cairn
