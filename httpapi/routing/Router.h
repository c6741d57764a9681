#pragma once

#include "Route.h"

#include <QList>

namespace Cairn {

class Authenticator;
class ResponseCache;

// The route table and the one place requests are dispatched: path match, method (HEAD served
// by GET, OPTIONS answered from the metadata, 405 with Allow), authentication unless the
// route is public, then the handler. Read-only once serving starts, so listener threads share it.
class Router
{
public:
    // Without an authenticator every route must be public (the ZTP listener).
    explicit Router(const Authenticator *authenticator = nullptr);

    void add(RouteSpec spec, RouteHandler handler);
    // PUT (replace: `partial` false) and PATCH (merge: `partial` true) on one path.
    void
    addPutAndPatch(RouteSpec spec,
                   const std::function<HttpResponse(const ApiRequest &, bool partial)> &handler);
    const QList<Route> &routes() const { return m_routes; }
    // GET answers of the routes `cacheable` picks are served from `cache` while its version
    // holds (after authentication, which every request still passes).
    void setCache(ResponseCache *cache, std::function<bool(const RouteSpec &)> cacheable);
    // Unknown paths and methods answered in `face`'s dialect whatever the path (a listener
    // that serves one face only).
    void speakOnly(Face face) { m_onlyFace = face; }

    // `user` receives the caller's username for the access log.
    // `route`, when given, is set to the pattern the request matched ("GET /api/devices/{id}/"),
    // or "unmatched": what metrics count requests by.
    HttpResponse dispatch(const HttpRequest &request, QString *user = nullptr,
                          QByteArray *route = nullptr) const;

private:
    HttpResponse dispatchMatched(const HttpRequest &request, const Route &route,
                                 QHash<QString, QString> params, QString *user) const;
    // Authenticates (unless public) and runs the handler.
    HttpResponse serve(const HttpRequest &request, const Route &route,
                       QHash<QString, QString> params, QString *user) const;
    static HttpResponse options(const QList<const Route *> &routes);
    static QByteArray challengeFor(Face face);

    const Authenticator *m_authenticator;
    ResponseCache *m_cache = nullptr;
    std::function<bool(const RouteSpec &)> m_cacheable;
    QList<Route> m_routes;
    std::optional<Face> m_onlyFace;
};

} // namespace Cairn
