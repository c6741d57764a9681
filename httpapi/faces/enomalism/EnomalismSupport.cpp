#include "EnomalismSupport.h"

#include "CoreServices.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

#include <QJsonArray>
#include <QLocale>

namespace Cairn::Enomalism {

HttpResponse answer(QJsonObject body, const QString &message, int status)
{
    body.insert(QStringLiteral("errno"), 0);
    body.insert(QStringLiteral("message"), message);
    return HttpResponse::json(body, status);
}

HttpResponse machineAnswer(const Machine &machine, const QString &message)
{
    const QJsonObject object = machine.toJson();
    return answer({{QStringLiteral("machine"), machine.uuid},
                   {QStringLiteral("info"), object},
                   {QStringLiteral("machine_obj"), object},
                   {QStringLiteral("hypervisors"), QJsonArray{machine.hypervisorUuid}}},
                  message);
}

HttpResponse transactionAnswer(CoreServices &core, const VirtTransaction &started, int waitMs,
                               QJsonObject body)
{
    const Result<VirtTransaction> now = core.virt().waitForTransaction(started, waitMs);
    if (!now)
        return failure(now.error());
    body.insert(QStringLiteral("txid"), now->uuid);
    if (now->job.state == JobState::Failed) {
        const QJsonObject &result = now->job.result;
        return failure(
            Error{Error::codeFromName(result.value(QStringLiteral("error_code")).toString()),
                  now->job.error, result.value(QStringLiteral("error_fields")).toObject()});
    }
    if (!isFinished(now->job.state))
        return answer(body,
                      QStringLiteral("Transaction %1 (%2) is %3; follow it at "
                                     "/rest/transaction/%1/.")
                          .arg(now->uuid, now->action, now->state()),
                      202);
    body.insert(QStringLiteral("data"), now->job.result);
    return answer(
        body, QStringLiteral("Transaction %1 (%2) %3.").arg(now->uuid, now->action, now->state()));
}

HttpResponse failure(const Error &error)
{
    return FaceErrors::response(Face::Enomalism, error);
}

Result<QString> variable(const ApiRequest &request, const QString &name)
{
    const Result<std::optional<QString>> given = optionalVariable(request, name);
    if (!given)
        return given.error();
    return given->value_or(QString());
}

Result<std::optional<QString>> optionalVariable(const ApiRequest &request, const QString &name)
{
    if (request.http.query.hasQueryItem(name))
        return std::optional<QString>(request.http.queryValue(name));
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return body.error();
    if (!body->contains(name))
        return std::optional<QString>();
    // Enomalism's variables are form values: a JSON true or 3 means what "true" or "3" would.
    const QJsonValue value = body->value(name);
    if (value.isBool())
        return std::optional<QString>(value.toBool() ? QStringLiteral("true")
                                                     : QStringLiteral("false"));
    if (value.isDouble())
        return std::optional<QString>(
            QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest));
    return std::optional<QString>(value.toString());
}

void addRoute(Router &router, const QByteArray &method, const QString &path, const QString &summary,
              const QString &description,
              const std::function<HttpResponse(const ApiRequest &)> &handler,
              const QList<Variable> &variables)
{
    RouteSpec spec = RouteSpec::of(Face::Enomalism, method, path, summary, description);
    spec.responseSchema = JsonSchema::ofType("object");
    QJsonObject fields;
    for (const Variable &variable : variables) {
        if (method == "GET")
            spec.queryParameters.append({QString::fromLatin1(variable.name),
                                         QString::fromLatin1(variable.type), QString(), false});
        else
            fields.insert(QString::fromLatin1(variable.name), JsonSchema::ofType(variable.type));
    }
    if (!fields.isEmpty())
        spec.requestSchema = JsonSchema::object(fields);
    router.add(spec, handler);
}

} // namespace Cairn::Enomalism
