#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "server/HttpRequest.h"

#include <QHash>
#include <QJsonValue>
#include <optional>

namespace Cairn {

// A request as a handler sees it: the HTTP request, the values of the path's `{params}`, and
// the caller once authentication has run (empty on public routes without credentials).
struct ApiRequest
{
    const HttpRequest &http;
    QHash<QString, QString> pathParams;
    std::optional<Identity> identity;

    QString pathParam(const QString &name) const { return pathParams.value(name); }
    // The body as JSON; a body that is not JSON is a 400 naming what is wrong.
    Result<QJsonValue> jsonBody() const;
    // The body's fields, from a JSON object or an HTML form; anything else is a 400.
    Result<QJsonObject> bodyObject() const;
    // true|yes|on|1 in any case, as NSoT's query flags; an empty value (`?direct`) is true too.
    bool queryFlag(const QString &name) const;
    // queryFlag() when the parameter is present, else nothing.
    std::optional<bool> queryBool(const QString &name) const;
    // scheme://host[:port] as the client addressed us, for absolute links.
    QString baseUrl() const;
};

} // namespace Cairn
