#include "TransactionsController.h"

#include "CoreServices.h"
#include "EnomalismSupport.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

using Enomalism::answer;
using Enomalism::failure;

HttpResponse transactionAnswer(const Result<VirtTransaction> &transaction)
{
    if (!transaction)
        return failure(transaction.error());
    const QString why = transaction->job.error.isEmpty()
                            ? QString()
                            : QStringLiteral(": ") + transaction->job.error;
    return answer({{QStringLiteral("data"), transaction->job.result},
                   {QStringLiteral("completion"), transaction->job.progress},
                   {QStringLiteral("transaction"), transaction->toJson()}},
                  QStringLiteral("Transaction %1 (%2 on %3) is %4%5.")
                      .arg(transaction->uuid, transaction->action, transaction->machineUuid,
                           transaction->state(), why));
}

HttpResponse showOrCancel(CoreServices &core, const ApiRequest &request)
{
    const QString uuid = request.pathParam(QStringLiteral("uuid"));
    const Result<QString> action = Enomalism::variable(request, QStringLiteral("action"));
    if (!action)
        return failure(action.error());
    if (action->isEmpty())
        return transactionAnswer(core.virt().transaction(*request.identity, uuid));
    if (action.value() != u"cancel")
        return failure(Error::invalidField(QStringLiteral("action"),
                                           QStringLiteral("The action is cancel, or none.")));
    return transactionAnswer(core.virt().cancelTransaction(*request.identity, uuid));
}

} // namespace

void TransactionsController::registerRoutes(Router &router, CoreServices &core)
{
    using Enomalism::addRoute;
    const QString path = QStringLiteral("/rest/transaction/{uuid}/");
    const auto show = [&core](const ApiRequest &request) {
        return showOrCancel(core, request);
    };
    addRoute(router, "GET", path, QStringLiteral("Follow a transaction"),
             QStringLiteral("`{data, completion, transaction: {uuid, machine, action, state "
                            "(queued, running, done, failed, cancelled, interrupted), completion "
                            "(0-100), data, message, user, created, updated}}`."),
             show);
    addRoute(router, "POST", path, QStringLiteral("Follow or cancel a transaction"),
             QStringLiteral("As GET; with `action=cancel`, as DELETE."), show);
    addRoute(router, "DELETE", path, QStringLiteral("Cancel a transaction"),
             QStringLiteral("A queued transaction ends cancelled at once; a running one stops at "
                            "its next step and undoes what it had done. A finished one is left as "
                            "it is. Needs to be yours, or the control permission on its machine."),
             [&core](const ApiRequest &request) {
                 return transactionAnswer(core.virt().cancelTransaction(
                     *request.identity, request.pathParam(QStringLiteral("uuid"))));
             });
}

} // namespace Cairn
