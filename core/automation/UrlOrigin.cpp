#include "UrlOrigin.h"

#include "templating/Template.h"

#include <QUrl>

namespace Cairn::UrlOrigin {

QString of(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
        return QString();
    return QStringLiteral("%1://%2:%3")
        .arg(scheme, parsed.host().toLower())
        .arg(parsed.port(scheme == u"https" ? 443 : 80));
}

QString authorityText(const QString &url)
{
    const qsizetype scheme = url.indexOf(QLatin1String("://"));
    if (scheme < 0)
        return url;
    const qsizetype path = url.indexOf(u'/', scheme + 3);
    return path < 0 ? url : url.left(path);
}

bool moves(const QString &previous, const QString &next)
{
    const QString before = authorityText(previous);
    const QString after = authorityText(next);
    if (Template::isTemplated(before) || Template::isTemplated(after))
        return before != after;
    return of(previous) != of(next);
}

} // namespace Cairn::UrlOrigin
