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
    // The route's OpenAPI schema of the body (owned by the route), for reading HTML forms.
    const QJsonObject *bodySchema = nullptr;

    QString pathParam(const QString &name) const { return pathParams.value(name); }
    // The body as JSON; a body that is not JSON is a 400 naming what is wrong. An HTML form
    // (application/x-www-form-urlencoded) is read as the object it stands for, as Django REST
    // framework does: each field typed by the route's schema (integers, numbers, booleans, and
    // objects or arrays written as JSON), a repeated field of an array type as its items.
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
