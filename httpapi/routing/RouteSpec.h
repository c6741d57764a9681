#pragma once

#include "Face.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Cairn {

struct QueryParameter
{
    QString name;
    QString type; // OpenAPI type: string, integer, boolean
    QString description;
    bool required = false;
};

// Everything known about a route besides its code. The same table drives dispatch, OPTIONS,
// the OpenAPI document and the test that every non-public route demands credentials.
struct RouteSpec
{
    QByteArray method;
    // `{name}` matches one segment; `{name*}` the rest of the path (natural keys with '/').
    QString path;
    Face face = Face::Native;
    QString summary;
    QString description;
    bool isPublic = false;
    QList<QueryParameter> queryParameters;
    QJsonObject requestSchema;  // OpenAPI schema of the body, if any
    QJsonObject responseSchema; // OpenAPI schema of the success body, if any
    int successStatus = 200;
    QString responseContentType = QStringLiteral("application/json");
    // Shown in the OpenAPI document; faces that mirror third-party APIs list theirs separately.
    bool documented = true;

    // What every route says first: the face serving it, the request and what it does.
    static RouteSpec of(Face face, const QByteArray &method, const QString &path,
                        const QString &summary, const QString &description = {})
    {
        RouteSpec spec;
        spec.face = face;
        spec.method = method;
        spec.path = path;
        spec.summary = summary;
        spec.description = description;
        return spec;
    }
};

} // namespace Cairn
