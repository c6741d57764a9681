#pragma once

#include "ApiRequest.h"
#include "RouteSpec.h"
#include "server/HttpResponse.h"

#include <functional>

namespace Cairn {

using RouteHandler = std::function<HttpResponse(const ApiRequest &)>;

class Route
{
public:
    Route(RouteSpec spec, RouteHandler handler);

    const RouteSpec &spec() const { return m_spec; }
    // "GET /api/devices/{key}/": what metrics count its requests under, made once.
    const QByteArray &label() const { return m_label; }
    // The `{params}` of the path when it matches these decoded segments.
    std::optional<QHash<QString, QString>> match(const QStringList &segments) const;
    HttpResponse handle(const ApiRequest &request) const { return m_handler(request); }
    QStringList parameterNames() const;

private:
    struct Segment
    {
        QString text;
        bool isParameter = false;
        bool isCatchAll = false;
    };

    RouteSpec m_spec;
    QByteArray m_label;
    RouteHandler m_handler;
    QList<Segment> m_segments;
    // Without a catch-all, only paths of exactly as many segments can match: every request is
    // matched against every route, so the others are turned away before any text is compared.
    bool m_hasCatchAll = false;
};

} // namespace Cairn
