#include "VirtResourcesController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Router.h"
#include "virt/MachineActions.h"

namespace Cairn {

namespace {

template <typename T> HttpResponse detail(const Result<T> &item)
{
    if (!item)
        return FaceErrors::response(Face::Native, item.error());
    return HttpResponse::json(item->toJson());
}

// Memory is in KiB, libvirt's unit, as the seed's `memory` keys are.
QJsonObject machineSchema()
{
    return JsonSchema::object(
        {{QStringLiteral("uuid"), JsonSchema::ofType("string")},
         {QStringLiteral("name"), JsonSchema::ofType("string")},
         {QStringLiteral("state"), JsonSchema::ofType("string")},
         {QStringLiteral("hypervisor"), JsonSchema::ofType("string", QStringLiteral("Its uuid."))},
         {QStringLiteral("clusters"), JsonSchema::arrayOf(JsonSchema::ofType("string"))},
         {QStringLiteral("vcpus"), JsonSchema::ofType("integer")},
         {QStringLiteral("memory"), JsonSchema::ofType("integer", QStringLiteral("KiB."))},
         {QStringLiteral("interfaces"), JsonSchema::ofType("array")},
         {QStringLiteral("disks"), JsonSchema::ofType("array")},
         {QStringLiteral("persistent"), JsonSchema::ofType("boolean")},
         {QStringLiteral("managed"), JsonSchema::ofType("boolean")},
         {QStringLiteral("locked"), JsonSchema::ofType("boolean")},
         {QStringLiteral("synced"), JsonSchema::ofType("string")}});
}

QJsonObject hypervisorSchema()
{
    const QJsonObject capacity = JsonSchema::object(
        {{QStringLiteral("cpus"), JsonSchema::ofType("integer")},
         {QStringLiteral("memory"), JsonSchema::ofType("integer", QStringLiteral("KiB."))},
         {QStringLiteral("free_memory"), JsonSchema::ofType("integer", QStringLiteral("KiB."))}});
    return JsonSchema::object({{QStringLiteral("uuid"), JsonSchema::ofType("string")},
                               {QStringLiteral("name"), JsonSchema::ofType("string")},
                               {QStringLiteral("uri"), JsonSchema::ofType("string")},
                               {QStringLiteral("virt_class"), JsonSchema::ofType("string")},
                               {QStringLiteral("state"), JsonSchema::ofType("string")},
                               {QStringLiteral("capacity"), capacity},
                               {QStringLiteral("last_error"), JsonSchema::ofType("string")},
                               {QStringLiteral("synced"), JsonSchema::ofType("string")}});
}

void addRoutes(Router &router, const QString &plural, const QString &what,
               const std::function<HttpResponse(const ApiRequest &)> &list,
               const std::function<HttpResponse(const ApiRequest &)> &show,
               const QJsonObject &itemSchema = JsonSchema::ofType("object"))
{
    RouteSpec spec;
    spec.face = Face::Native;
    spec.method = "GET";
    spec.path = QStringLiteral("/api/%1/").arg(plural);
    spec.summary = QStringLiteral("List %1").arg(plural);
    spec.description =
        QStringLiteral("The %1 you may view; `limit` and `offset` page them.").arg(plural);
    spec.queryParameters = nativeListParameters();
    // With `limit`, the items come as `results` beside `count`, `next` and `previous`.
    spec.responseSchema = JsonSchema::arrayOf(itemSchema);
    router.add(spec, list);
    spec.path = QStringLiteral("/api/%1/{uuid}/").arg(plural);
    spec.summary = QStringLiteral("Get a %1").arg(what);
    spec.description.clear();
    spec.queryParameters.clear();
    spec.responseSchema = itemSchema;
    router.add(spec, show);
}

// Paged in SQL: transactions accumulate with every action.
HttpResponse transactions(CoreServices &core, const ApiRequest &request)
{
    return nativePage(
        request,
        [&](int limit, int offset) {
            return core.virt().transactions(*request.identity, limit, offset);
        },
        [&] { return core.virt().transactionCount(*request.identity); });
}

HttpResponse answer(const Result<QJsonObject> &json, int status)
{
    if (!json)
        return FaceErrors::response(Face::Native, json.error());
    return HttpResponse::json(json.value(), status);
}

template <typename T> Result<QJsonObject> jsonOf(const Result<T> &item)
{
    if (!item)
        return item.error();
    return item->toJson();
}

// POST `{url}`: blocking (the feed is read first), so off the listener.
HttpResponse subscribe(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return FaceErrors::response(Face::Native, body.error());
    const QJsonValue url = body->value(QStringLiteral("url"));
    if (!url.isString())
        return FaceErrors::response(
            Face::Native, Error::invalidField(QStringLiteral("url"),
                                              url.isUndefined() || url.isNull()
                                                  ? QStringLiteral("This field is required.")
                                                  : QStringLiteral("Not a valid string.")));
    return HttpResponse::later([services = &core, caller = *request.identity, url] {
        return answer(jsonOf(services->vmFeeds().subscribe(caller, url.toString())), 201);
    });
}

// POST /api/machines/{uuid}/actions/{action}/: the transaction, at once (202); follow it at
// /api/transactions/{uuid}/. `start` is libvirt's `create` under the name people use.
HttpResponse act(CoreServices &core, const ApiRequest &request)
{
    QString action = request.pathParam(QStringLiteral("action"));
    if (action == QLatin1String("start"))
        action = QStringLiteral("create");
    if (!MachineActions::stateActions().contains(action))
        return FaceErrors::response(
            Face::Native, Error::invalidField(
                              QStringLiteral("action"),
                              QStringLiteral("One of start, %1.")
                                  .arg(MachineActions::stateActions().join(QLatin1String(", ")))));
    return HttpResponse::later([services = &core, caller = *request.identity, action,
                                uuid = request.pathParam(QStringLiteral("uuid"))] {
        const Result<VirtTransaction> started = services->virt().act(caller, uuid, action);
        if (!started)
            return FaceErrors::response(Face::Native, started.error());
        QJsonObject json = started->toJson();
        json.insert(QStringLiteral("url"),
                    QStringLiteral("/api/transactions/%1/").arg(started->uuid));
        return HttpResponse::json(json, 202);
    });
}

} // namespace

void VirtResourcesController::registerRoutes(Router &router, CoreServices &core)
{
    router.add(nativeRoute("POST", QStringLiteral("/api/machines/{uuid}/actions/{action}/"),
                           QStringLiteral("Run a machine action"),
                           QStringLiteral("start (or create), suspend, resume, shutdown, "
                                          "poweroff or reboot, as a transaction: answers 202 "
                                          "with it at once; follow it at its `url`. 409 when "
                                          "the machine is locked, busy or in a state that does "
                                          "not allow it."),
                           202),
               [&core](const ApiRequest &request) { return act(core, request); });
    const auto uuidOf = [](const ApiRequest &request) {
        return request.pathParam(QStringLiteral("uuid"));
    };
    addRoutes(
        router, QStringLiteral("machines"), QStringLiteral("machine"),
        [&core](const ApiRequest &r) { return nativeList(r, core.virt().machines(*r.identity)); },
        [&core, uuidOf](const ApiRequest &r) {
            const Result<Machine> machine = core.virt().machine(*r.identity, uuidOf(r));
            return detail(machine ? core.staticNetworks().addressed(machine.value()) : machine);
        },
        machineSchema());
    addRoutes(
        router, QStringLiteral("hypervisors"), QStringLiteral("hypervisor"),
        [&core](const ApiRequest &r) {
            return nativeList(r, core.virt().hypervisors(*r.identity));
        },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.virt().hypervisor(*r.identity, uuidOf(r)));
        },
        hypervisorSchema());
    addRoutes(
        router, QStringLiteral("clusters"), QStringLiteral("cluster"),
        [&core](const ApiRequest &r) { return nativeList(r, core.clusters().list(*r.identity)); },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.clusters().get(*r.identity, uuidOf(r)));
        });
    // Not /api/networks/: that is the source of truth's (NSoT) IP networks.
    addRoutes(
        router, QStringLiteral("static-networks"), QStringLiteral("static network"),
        [&core](const ApiRequest &r) {
            return nativeList(r, core.staticNetworks().list(*r.identity));
        },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.staticNetworks().get(*r.identity, uuidOf(r)));
        });
    addRoutes(
        router, QStringLiteral("packages"), QStringLiteral("package"),
        [&core](const ApiRequest &r) { return nativeList(r, core.packages().list(*r.identity)); },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.packages().get(*r.identity, uuidOf(r)));
        });
    addRoutes(
        router, QStringLiteral("transactions"), QStringLiteral("transaction"),
        [&core](const ApiRequest &r) { return transactions(core, r); },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.virt().transaction(*r.identity, uuidOf(r)));
        });
    addRoutes(
        router, QStringLiteral("feeds"), QStringLiteral("feed"),
        [&core](const ApiRequest &r) { return nativeList(r, core.vmFeeds().feeds(*r.identity)); },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.vmFeeds().feed(*r.identity, uuidOf(r)));
        });
    router.add(nativeRoute("POST", QStringLiteral("/api/transactions/{uuid}/cancel/"),
                           QStringLiteral("Cancel a transaction"),
                           QStringLiteral("A queued one ends at once; a running one stops at its "
                                          "next step and undoes what it did; a finished one is "
                                          "answered as it is. Needs `control` on its machine."),
                           202),
               [&core, uuidOf](const ApiRequest &r) {
                   return answer(jsonOf(core.virt().cancelTransaction(*r.identity, uuidOf(r))),
                                 202);
               });
    RouteSpec spec =
        nativeRoute("POST", QStringLiteral("/api/feeds/"), QStringLiteral("Subscribe to a feed"),
                    QStringLiteral("`{url}` of an RSS 2.0 package feed (http or "
                                   "https); it is read first and refused (400 naming "
                                   "url) when it is not one."),
                    201);
    spec.requestSchema = JsonSchema::object({{QStringLiteral("url"), JsonSchema::ofType("string")}},
                                            {QStringLiteral("url")});
    router.add(spec, [&core](const ApiRequest &r) { return subscribe(core, r); });
    router.add(nativeRoute("POST", QStringLiteral("/api/feeds/{uuid}/refresh/"),
                           QStringLiteral("Read a feed again"),
                           QStringLiteral("Its packages as the feed lists them now."), 200),
               [&core, uuidOf](const ApiRequest &r) {
                   return HttpResponse::later(
                       [services = &core, caller = *r.identity, uuid = uuidOf(r)] {
                           return answer(jsonOf(services->vmFeeds().refresh(caller, uuid)), 200);
                       });
               });
    router.add(nativeRoute("DELETE", QStringLiteral("/api/feeds/{uuid}/"),
                           QStringLiteral("Unsubscribe from a feed"),
                           QStringLiteral("Forgets the feed and its packages not downloaded."),
                           204),
               [&core, uuidOf](const ApiRequest &r) {
                   const Result<VmFeed> gone = core.vmFeeds().unsubscribe(*r.identity, uuidOf(r));
                   return gone ? HttpResponse::noContent()
                               : FaceErrors::response(Face::Native, gone.error());
               });
}

} // namespace Cairn
