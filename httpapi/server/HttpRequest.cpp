#include "HttpRequest.h"

#include <QUrl>

namespace Cairn {

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpRequest::queryValue(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

QStringList HttpRequest::splitPath(const QString &encodedPath)
{
    QStringList segments;
    for (const QString &segment : encodedPath.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        segments << QUrl::fromPercentEncoding(segment.toUtf8());
    return segments;
}

} // namespace Cairn
