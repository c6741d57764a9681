#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrlQuery>

namespace Cairn {

// One request, copied out of Qt's parser so handlers can keep it beyond the listener callback.
struct HttpRequest
{
    QByteArray method;
    // The path as sent (still percent-encoded), and its segments decoded one by one, so that a
    // natural key holding an encoded '/' stays one segment.
    QString rawPath;
    QStringList segments;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;

    // Case-insensitive; the first occurrence.
    QByteArray header(const QByteArray &name) const;
    QString queryValue(const QString &name) const;
    static QStringList splitPath(const QString &encodedPath);
};

} // namespace Cairn
