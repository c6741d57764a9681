#pragma once

#include "Result.h"
#include "routing/ApiRequest.h"
#include "server/HttpResponse.h"
#include "virt/Machine.h"
#include "virt/VirtTransaction.h"

#include <QJsonObject>

namespace Cairn {

class CoreServices;
class Router;

// What every controller of the Enomalism face shares.
namespace Enomalism {

// A success: `body` with errno 0 and the message.
HttpResponse answer(QJsonObject body, const QString &message, int status = 200);
// A transaction waited on for up to `waitMs`: once done, `{txid, data}` (200); failed, the
// error it failed with; still queued or running, `{txid}` with 202.
HttpResponse transactionAnswer(CoreServices &core, const VirtTransaction &started, int waitMs,
                               QJsonObject body = {});
// A machine as seed 2.4 answers it: `{machine, info, machine_obj, hypervisors}`.
HttpResponse machineAnswer(const Machine &machine, const QString &message);
// An error as {errno, message} with its status.
HttpResponse failure(const Error &error);
// An HTTP variable: a query parameter, else a form field or a JSON member of the body.
Result<QString> variable(const ApiRequest &request, const QString &name);
// The same, or nullopt when the caller did not give it at all (an empty value is given).
Result<std::optional<QString>> optionalVariable(const ApiRequest &request, const QString &name);
// A variable a route reads (a query parameter, a form field or a JSON member), named in the
// OpenAPI document so that Swagger's "Try it out" offers it.
struct Variable
{
    const char *name;
    const char *type = "string";
};
// `variables` become the query parameters of a GET, else the fields of the request body.
void addRoute(Router &router, const QByteArray &method, const QString &path, const QString &summary,
              const QString &description,
              const std::function<HttpResponse(const ApiRequest &)> &handler,
              const QList<Variable> &variables = {});

} // namespace Enomalism

} // namespace Cairn
