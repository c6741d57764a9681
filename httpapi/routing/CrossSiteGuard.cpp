#include "CrossSiteGuard.h"

#include <QUrl>

namespace Cairn {

namespace {

bool changesState(const QByteArray &method)
{
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// host[:port] as a URL authority, so "[::1]:8090" and "::1" with port 8090 compare equal.
QString authorityOf(const QUrl &url)
{
    const QString host = url.host(QUrl::EncodeUnicode).toLower();
    return url.port() < 0 ? host : host + QLatin1Char(':') + QString::number(url.port());
}

} // namespace

bool CrossSiteGuard::refuses(const HttpRequest &request, Face face)
{
    // The Enomalism API acts on GET too (delete/, ?action=...), and no page of this server
    // reads it: every request of that face counts.
    if (!changesState(request.method) && face != Face::Enomalism)
        return false;
    // same-site is a sibling host (another.example.com): not this server either.
    const QByteArray fetchSite = request.header("sec-fetch-site").toLower();
    if (fetchSite == "cross-site" || fetchSite == "same-site")
        return true;
    if (fetchSite == "same-origin" || fetchSite == "none")
        return false;
    // Browsers without Fetch Metadata: the Origin they send with anything but a plain GET.
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return false;
    // "null" is an opaque origin: a sandboxed frame, a file, a redirect across sites.
    const QUrl url(QString::fromLatin1(origin));
    if (origin == "null" || !url.isValid() || url.host().isEmpty())
        return true;
    const QUrl host(QStringLiteral("http://") + QString::fromLatin1(request.header("host")));
    return authorityOf(url) != authorityOf(host);
}

void CrossSiteGuard::protect(HttpResponse &response)
{
    // Every answer is what it says it is: text a switch or a client sent back is never sniffed
    // into HTML.
    response.withHeader("X-Content-Type-Options", "nosniff");
    if (!response.contentType.startsWith("text/html"))
        return;
    // Swagger UI and ReDoc style themselves inline; ReDoc's search runs in a blob: worker.
    response.withHeader("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                        "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
                        "object-src 'none'; base-uri 'none'; form-action 'self'; "
                        "frame-ancestors 'none'");
}

} // namespace Cairn
