#include "CrossSiteGuard.h"

#include <QUrl>

namespace Cairn {

namespace {

bool changesState(const QByteArray &method)
{
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

} // namespace

bool CrossSiteGuard::refuses(const HttpRequest &request)
{
    if (!changesState(request.method))
        return false;
    // same-site is a sibling host (another.example.com): not this server either.
    const QByteArray fetchSite = request.header("sec-fetch-site").toLower();
    if (fetchSite == "cross-site" || fetchSite == "same-site")
        return true;
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return false;
    // "null" is an opaque origin: a sandboxed frame, a file, a redirect across sites.
    const QUrl url(QString::fromLatin1(origin));
    if (origin == "null" || !url.isValid() || url.host().isEmpty())
        return true;
    const QString host =
        url.port() < 0 ? url.host() : url.host() + QLatin1Char(':') + QString::number(url.port());
    return host.compare(QString::fromLatin1(request.header("host")), Qt::CaseInsensitive) != 0;
}

void CrossSiteGuard::protect(HttpResponse &response)
{
    if (!response.contentType.startsWith("text/html"))
        return;
    // Swagger UI and ReDoc style themselves inline; ReDoc's search runs in a blob: worker.
    response.withHeader("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                        "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
                        "object-src 'none'; base-uri 'none'; form-action 'self'; "
                        "frame-ancestors 'none'");
    response.withHeader("X-Content-Type-Options", "nosniff");
}

} // namespace Cairn
