#include "VirtResourcesController.h"

#include "CoreServices.h"
#include "NativeList.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

template <typename T> HttpResponse detail(const Result<T> &item)
{
    if (!item)
        return FaceErrors::response(Face::Native, item.error());
    return HttpResponse::json(item->toJson());
}

void addRoutes(Router &router, const QString &plural, const QString &what,
               const std::function<HttpResponse(const ApiRequest &)> &list,
               const std::function<HttpResponse(const ApiRequest &)> &show)
{
    RouteSpec spec;
    spec.face = Face::Native;
    spec.method = "GET";
    spec.path = QStringLiteral("/api/%1/").arg(plural);
    spec.summary = QStringLiteral("List %1").arg(plural);
    spec.description =
        QStringLiteral("The %1 you may view; `limit` and `offset` page them.").arg(plural);
    spec.queryParameters = nativeListParameters();
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, list);
    spec.path = QStringLiteral("/api/%1/{uuid}/").arg(plural);
    spec.summary = QStringLiteral("Get a %1").arg(what);
    spec.description.clear();
    spec.queryParameters.clear();
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

} // namespace

void VirtResourcesController::registerRoutes(Router &router, CoreServices &core)
{
    const auto uuidOf = [](const ApiRequest &request) {
        return request.pathParam(QStringLiteral("uuid"));
    };
    addRoutes(
        router, QStringLiteral("machines"), QStringLiteral("machine"),
        [&core](const ApiRequest &r) { return nativeList(r, core.virt().machines(*r.identity)); },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.virt().machine(*r.identity, uuidOf(r)));
        });
    addRoutes(
        router, QStringLiteral("hypervisors"), QStringLiteral("hypervisor"),
        [&core](const ApiRequest &r) {
            return nativeList(r, core.virt().hypervisors(*r.identity));
        },
        [&core, uuidOf](const ApiRequest &r) {
            return detail(core.virt().hypervisor(*r.identity, uuidOf(r)));
        });
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
}

} // namespace Cairn
