#include "EnomalismSupport.h"

#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn::Enomalism {

HttpResponse answer(QJsonObject body, const QString &message)
{
    body.insert(QStringLiteral("errno"), 0);
    body.insert(QStringLiteral("message"), message);
    return HttpResponse::json(body);
}

HttpResponse failure(const Error &error)
{
    return FaceErrors::response(Face::Enomalism, error);
}

Result<QString> variable(const ApiRequest &request, const QString &name)
{
    const QString query = request.http.queryValue(name);
    if (!query.isEmpty())
        return query;
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return body.error();
    return body->value(name).toString();
}

void addRoute(Router &router, const QByteArray &method, const QString &path, const QString &summary,
              const QString &description,
              const std::function<HttpResponse(const ApiRequest &)> &handler)
{
    RouteSpec spec;
    spec.face = Face::Enomalism;
    spec.method = method;
    spec.path = path;
    spec.summary = summary;
    spec.description = description;
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, handler);
}

} // namespace Cairn::Enomalism
